package vn.gov.portal.population.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** A fixed list of values with integer weights, drawn by binary search over the cumulative weights. */
final class WeightedChoice<T> {

    private final List<T> values;
    private final int[] cumulative;

    private WeightedChoice(List<T> values, int[] cumulative) {
        this.values = values;
        this.cumulative = cumulative;
    }

    /** Pairs of value and weight: {@code of("Kinh", 85, "Tày", 2, ...)}. */
    @SuppressWarnings("unchecked")
    static <T> WeightedChoice<T> of(Object... valueWeightPairs) {
        if (valueWeightPairs.length == 0 || valueWeightPairs.length % 2 != 0) {
            throw new IllegalArgumentException("expected value/weight pairs");
        }
        List<T> values = new ArrayList<>();
        int[] cumulative = new int[valueWeightPairs.length / 2];
        int total = 0;
        for (int i = 0; i < valueWeightPairs.length; i += 2) {
            int weight = (Integer) valueWeightPairs[i + 1];
            if (weight <= 0) {
                throw new IllegalArgumentException("weights must be positive");
            }
            values.add((T) valueWeightPairs[i]);
            total += weight;
            cumulative[i / 2] = total;
        }
        return new WeightedChoice<>(List.copyOf(values), cumulative);
    }

    /** Every value equally likely. */
    static <T> WeightedChoice<T> uniform(List<T> values) {
        int[] cumulative = new int[values.size()];
        Arrays.setAll(cumulative, i -> i + 1);
        return new WeightedChoice<>(List.copyOf(values), cumulative);
    }

    T pick(SplittableRandom random) {
        int ticket = random.nextInt(cumulative[cumulative.length - 1]);
        int index = Arrays.binarySearch(cumulative, ticket + 1);
        return values.get(index >= 0 ? index : -index - 1);
    }

    List<T> values() {
        return values;
    }
}

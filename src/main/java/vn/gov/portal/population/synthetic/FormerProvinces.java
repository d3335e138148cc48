package vn.gov.portal.population.synthetic;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The provinces as they were before the 2025 merger, by the 2-digit code of the province that absorbed them.
 * ID numbers keep the 3-digit code of the old province where the birth was registered, so a person born today in
 * Thành phố Hồ Chí Minh may carry 079 (HCM), 074 (Bình Dương) or 077 (Bà Rịa–Vũng Tàu).
 */
final class FormerProvinces {

    private static final Map<String, int[]> BY_NEW_PROVINCE = Map.ofEntries(
            Map.entry("01", new int[] {1}),
            Map.entry("04", new int[] {4}),
            Map.entry("08", new int[] {8, 2}),
            Map.entry("11", new int[] {11}),
            Map.entry("12", new int[] {12}),
            Map.entry("14", new int[] {14}),
            Map.entry("15", new int[] {10, 15}),
            Map.entry("19", new int[] {19, 6}),
            Map.entry("20", new int[] {20}),
            Map.entry("22", new int[] {22}),
            Map.entry("24", new int[] {27, 24}),
            Map.entry("25", new int[] {25, 26, 17}),
            Map.entry("31", new int[] {31, 30}),
            Map.entry("33", new int[] {33, 34}),
            Map.entry("37", new int[] {37, 35, 36}),
            Map.entry("38", new int[] {38}),
            Map.entry("40", new int[] {40}),
            Map.entry("42", new int[] {42}),
            Map.entry("44", new int[] {45, 44}),
            Map.entry("46", new int[] {46}),
            Map.entry("48", new int[] {48, 49}),
            Map.entry("51", new int[] {51, 62}),
            Map.entry("52", new int[] {64, 52}),
            Map.entry("56", new int[] {56, 58}),
            Map.entry("66", new int[] {66, 54}),
            Map.entry("68", new int[] {68, 67, 60}),
            Map.entry("75", new int[] {75, 70}),
            Map.entry("79", new int[] {79, 74, 77}),
            Map.entry("80", new int[] {72, 80}),
            Map.entry("82", new int[] {87, 82}),
            Map.entry("86", new int[] {86, 83, 84}),
            Map.entry("91", new int[] {89, 91}),
            Map.entry("92", new int[] {92, 94, 93}),
            Map.entry("96", new int[] {96, 95}));

    private FormerProvinces() {
    }

    /**
     * The old province code under which a birth in {@code newProvinceCode} was registered. The commune catalogue
     * carries no old-province information, so the former province is drawn among those the new one absorbed.
     */
    static int birthRegistrationCode(String newProvinceCode, SplittableRandom random) {
        int[] former = BY_NEW_PROVINCE.get(newProvinceCode);
        if (former == null) {
            // A province added to the catalogue later: its own code is the best guess, if it is a valid one.
            int own = Integer.parseInt(newProvinceCode);
            if (own < 1 || own > 96) {
                throw new IllegalStateException("no former province known for province " + newProvinceCode);
            }
            return own;
        }
        return former.length == 1 ? former[0] : former[random.nextInt(former.length)];
    }
}

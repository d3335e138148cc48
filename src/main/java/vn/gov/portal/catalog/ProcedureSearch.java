package vn.gov.portal.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds procedures the way citizens ask for them: by name or keyword, in Vietnamese with or without diacritics or in
 * English. Every word of the query must occur (in any order) as the start of a word of the procedure's name, summary,
 * national code or keywords; procedures whose name holds the query come first.
 */
public final class ProcedureSearch {

    /** Longer queries are cut: nobody types more to find one of a few dozen procedures. */
    public static final int MAX_QUERY_LENGTH = 100;
    private static final int MAX_WORDS = 12;

    /** How well a procedure matches, best first. */
    enum Rank { NAME_PHRASE, NAME, NAME_OR_KEYWORDS, ANYWHERE }

    /** A group of the catalogue: a life event and its procedures. */
    public record Group(LifeEvent event, List<ProcedureDefinition> procedures) {}

    private ProcedureSearch() {
    }

    /** The procedures matching every word of the query, best first; all of them (in the given order) for a blank one. */
    public static List<ProcedureDefinition> search(Collection<ProcedureDefinition> procedures, String query) {
        String folded = SearchText.fold(query == null ? "" : query.length() > MAX_QUERY_LENGTH
                ? query.substring(0, MAX_QUERY_LENGTH) : query);
        List<String> words = SearchText.words(folded).stream().distinct().limit(MAX_WORDS).toList();
        if (words.isEmpty()) {
            return List.copyOf(procedures);
        }
        record Hit(ProcedureDefinition procedure, Rank rank) {}
        List<Hit> hits = new ArrayList<>();
        for (ProcedureDefinition p : procedures) {
            Rank rank = rank(p, folded, words);
            if (rank != null) {
                hits.add(new Hit(p, rank));
            }
        }
        // A stable sort: within a rank the given order stays.
        hits.sort(Comparator.comparing(Hit::rank));
        return hits.stream().map(Hit::procedure).toList();
    }

    /** How the procedure matches all the words, or null when some word matches nowhere. */
    static Rank rank(ProcedureDefinition p, String foldedQuery, List<String> words) {
        List<String> name = words(p.name());
        List<String> named = Stream.concat(name.stream(), Stream.concat(p.keywords().all().stream()
                .flatMap(k -> SearchText.words(k).stream()), SearchText.words(p.nationalCode()).stream())).toList();
        List<String> anywhere = Stream.concat(named.stream(), words(p.summary()).stream()).toList();
        if (!words.stream().allMatch(w -> matches(w, anywhere))) {
            return null;
        }
        if (containsPhrase(p.name().vi(), foldedQuery) || containsPhrase(p.name().en(), foldedQuery)) {
            return Rank.NAME_PHRASE;
        }
        if (words.stream().allMatch(w -> matches(w, name))) {
            return Rank.NAME;
        }
        return words.stream().allMatch(w -> matches(w, named)) ? Rank.NAME_OR_KEYWORDS : Rank.ANYWHERE;
    }

    /**
     * The procedures by life event, in the order of {@link LifeEvent} (events without procedures are left out); in a
     * group the single procedures by name, then the interconnected groups.
     */
    public static List<Group> byLifeEvent(Collection<ProcedureDefinition> procedures) {
        Map<LifeEvent, List<ProcedureDefinition>> groups = new EnumMap<>(LifeEvent.class);
        procedures.stream().sorted(Comparator.comparing(ProcedureDefinition::isGroup)
                        .thenComparing(p -> SearchText.fold(p.name().vi())))
                .forEach(p -> groups.computeIfAbsent(p.event(), e -> new ArrayList<>()).add(p));
        return groups.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    private static boolean matches(String word, List<String> in) {
        return in.stream().anyMatch(candidate -> candidate.startsWith(word));
    }

    private static boolean containsPhrase(String text, String foldedQuery) {
        return (" " + SearchText.fold(text)).contains(" " + foldedQuery);
    }

    private static List<String> words(LocalizedText text) {
        if (text == null) {
            return List.of();
        }
        return Stream.concat(SearchText.words(text.vi()).stream(), SearchText.words(text.en()).stream()).toList();
    }
}

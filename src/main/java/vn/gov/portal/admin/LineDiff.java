package vn.gov.portal.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts by longest common subsequence. Definitions are a few hundred lines, so the plain
 * quadratic table is small (300 × 300 cells) and this stays a page of code instead of a dependency.
 */
public final class LineDiff {

    public enum Kind { SAME, ADDED, REMOVED, GAP }

    /** One line of the diff with its numbers in the old and new text (0 where it has none); GAP stands for hidden same lines. */
    public record Line(Kind kind, int oldNumber, int newNumber, String text) {}

    private LineDiff() {
    }

    static List<Line> of(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> diff = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                diff.add(new Line(Kind.SAME, i + 1, j + 1, a[i]));
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] > lcs[i + 1][j])) {
                diff.add(new Line(Kind.ADDED, 0, j + 1, b[j]));
                j++;
            } else {
                diff.add(new Line(Kind.REMOVED, i + 1, 0, a[i]));
                i++;
            }
        }
        return diff;
    }

    /** The changed lines with {@code context} unchanged lines around each change; longer unchanged runs become a GAP. */
    static List<Line> changes(String before, String after, int context) {
        List<Line> all = of(before, after);
        boolean[] keep = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).kind() != Kind.SAME) {
                for (int c = Math.max(0, k - context); c <= Math.min(all.size() - 1, k + context); c++) {
                    keep[c] = true;
                }
            }
        }
        List<Line> shown = new ArrayList<>();
        int hidden = 0;
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                if (hidden > 0) {
                    shown.add(new Line(Kind.GAP, 0, 0, Integer.toString(hidden)));
                    hidden = 0;
                }
                shown.add(all.get(k));
            } else {
                hidden++;
            }
        }
        if (hidden > 0 && !shown.isEmpty()) {
            shown.add(new Line(Kind.GAP, 0, 0, Integer.toString(hidden)));
        }
        return shown;
    }

    private static String[] lines(String text) {
        return text.isEmpty() ? new String[0] : text.split("\r?\n", -1);
    }
}

package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.gov.portal.admin.LineDiff.Kind;
import vn.gov.portal.admin.LineDiff.Line;

class LineDiffTest {

    private static String render(List<Line> diff) {
        return diff.stream().map(l -> switch (l.kind()) {
            case SAME -> "  " + l.text();
            case ADDED -> "+ " + l.text();
            case REMOVED -> "- " + l.text();
            case GAP -> "… " + l.text();
        }).collect(Collectors.joining("\n"));
    }

    @Test
    void identicalTextsHaveNoChanges() {
        assertThat(LineDiff.of("a\nb\nc", "a\nb\nc")).allMatch(l -> l.kind() == Kind.SAME).hasSize(3);
        assertThat(LineDiff.changes("a\nb\nc", "a\nb\nc", 3)).isEmpty();
    }

    @Test
    void aChangedLineIsRemovedAndAddedWithItsNumbers() {
        List<Line> diff = LineDiff.of("code: x\ndays: 3\nfee: 0", "code: x\ndays: 5\nfee: 0");
        assertThat(render(diff)).isEqualTo("  code: x\n- days: 3\n+ days: 5\n  fee: 0");
        assertThat(diff.get(1)).isEqualTo(new Line(Kind.REMOVED, 2, 0, "days: 3"));
        assertThat(diff.get(2)).isEqualTo(new Line(Kind.ADDED, 0, 2, "days: 5"));
        assertThat(diff.get(3)).isEqualTo(new Line(Kind.SAME, 3, 3, "fee: 0"));
    }

    @Test
    void insertedLinesKeepTheLongestCommonPart() {
        assertThat(render(LineDiff.of("a\nb\nc\nd", "a\nb\nx\ny\nc\nd")))
                .isEqualTo("  a\n  b\n+ x\n+ y\n  c\n  d");
        assertThat(render(LineDiff.of("a\nb\nc", ""))).isEqualTo("- a\n- b\n- c");
        assertThat(render(LineDiff.of("", "a"))).isEqualTo("+ a");
    }

    @Test
    void longUnchangedRunsAreFoldedAroundTheChanges() {
        String before = IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String after = before.replace("line 10\n", "line 10\nnew line\n");
        List<Line> shown = LineDiff.changes(before, after, 2);
        assertThat(render(shown)).isEqualTo("… 8\n  line 9\n  line 10\n+ new line\n  line 11\n  line 12\n… 8");
        assertThat(shown.get(3).newNumber()).isEqualTo(11);
    }
}

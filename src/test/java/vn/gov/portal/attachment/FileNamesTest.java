package vn.gov.portal.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The citizen's file name is only shown: no path, no control characters, and the extension of what it really is. */
class FileNamesTest {

    @Test
    void keepsAVietnameseNameAsItIs() {
        assertThat(FileNames.sanitise("Giấy chứng sinh của bé An.pdf", FileType.PDF)).isEqualTo("Giấy chứng sinh của bé An.pdf");
        assertThat(FileNames.sanitise("anh-the.JPEG", FileType.JPEG)).isEqualTo("anh-the.JPEG");
    }

    @Test
    void dropsPathsAndCharactersThatCouldMisleadADisplayOrAFileSystem() {
        assertThat(FileNames.sanitise("C:\\Users\\an\\..\\scan.pdf", FileType.PDF)).isEqualTo("scan.pdf");
        assertThat(FileNames.sanitise("../../etc/passwd", FileType.PDF)).isEqualTo("passwd.pdf");
        assertThat(FileNames.sanitise("bao\u202Egpj.exe", FileType.PDF)).isEqualTo("bao gpj.pdf");
        assertThat(FileNames.sanitise("a\r\nb<script>.png", FileType.PNG)).isEqualTo("a b script.png");
        assertThat(FileNames.sanitise("...", FileType.PDF)).isEqualTo("tep-dinh-kem.pdf");
        assertThat(FileNames.sanitise(null, FileType.PNG)).isEqualTo("tep-dinh-kem.png");
    }

    @Test
    void theExtensionFollowsTheDetectedType() {
        assertThat(FileNames.sanitise("hop-dong.exe", FileType.PDF)).isEqualTo("hop-dong.pdf");
        assertThat(FileNames.sanitise("CMND 2.1 mat truoc", FileType.JPEG)).isEqualTo("CMND 2.1 mat truoc.jpg");
        assertThat(FileNames.sanitise("x".repeat(300) + ".pdf", FileType.PDF)).hasSize(FileNames.MAX_LENGTH);
    }

    @Test
    void theDownloadNameIsOfferedInAsciiAndInRfc5987Form() {
        assertThat(FileNames.contentDisposition("Hợp đồng thuê nhà \"số 5\".pdf")).isEqualTo(
                "attachment; filename=\"Hop dong thue nha _so 5_.pdf\"; "
                        + "filename*=UTF-8''H%E1%BB%A3p%20%C4%91%E1%BB%93ng%20thu%C3%AA%20nh%C3%A0%20%22s%E1%BB%91%205%22.pdf");
    }
}

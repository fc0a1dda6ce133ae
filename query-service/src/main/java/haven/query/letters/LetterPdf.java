package haven.query.letters;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A letter as a PDF, made on the server: its text (escaped, paragraph by paragraph), saved as {@code HV-XXXX-XX-letter.pdf}, never shown in the browser.
 */
@Component
public class LetterPdf {

    private final TemplateEngine templates;

    LetterPdf(TemplateEngine templates) {
        this.templates = templates;
    }

    /** {@code reference} is a well-formed reference (it names the file). */
    public ResponseEntity<byte[]> download(String reference, String text) {
        var model = Map.<String, Object>of(
                "reference",
                reference,
                "paragraphs",
                Arrays.stream(text.split("\\R\\s*\\R"))
                        .map(String::strip)
                        .filter(p -> !p.isEmpty())
                        .toList());
        String html = templates.process("letters/pdf", new Context(Locale.UK, model));
        return attachment(of(html), reference + "-letter.pdf");
    }

    /**
     * A PDF for the browser to save, never to show: {@code fileName} is made by Haven (a reference and
     * a word), never from a request.
     */
    public static ResponseEntity<byte[]> attachment(byte[] pdf, String fileName) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(pdf);
    }

    /** A page of HTML (escaped by its template) as a PDF, made on the server; the board pack's too. */
    public static byte[] of(String html) {
        var pdf = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .withHtmlContent(html, null)
                    .toStream(pdf)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }
}

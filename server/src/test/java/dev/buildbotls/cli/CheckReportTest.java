package dev.buildbotls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.diagnostics.Code;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/** What `--check` prints cannot be forged by what a file holds. */
class CheckReportTest {
  @Test
  void aValueWithLineBreaksAndControlCharactersStaysOnItsOwnLine() {
    String key = "evil\r\n::error file=x.yaml,line=1::forged\u0085\u2028\u007f\u001b[31m\\";
    Diagnostic d = new Diagnostic(new Range(new Position(2, 4), new Position(2, 9)), "unknown key `" + key + "`",
        DiagnosticSeverity.Error, Code.SOURCE, Code.SCHEMA_ADDITIONAL_PROPERTIES.id());
    d.setCode(Either.forLeft(Code.SCHEMA_ADDITIONAL_PROPERTIES.id()));
    String text = CheckReport.text(List.of(new CheckCommand.FileResult("dir\nx.yaml", "", List.of(d))));
    assertEquals(List.of("dir\\nx.yaml:3:5: error: unknown key `evil\\r\\n::error file=x.yaml,line=1::forged\\u0085\\u2028\\u007F\\u001B[31m\\\\` "
        + "[schema/additionalProperties]"), text.lines().toList());
    String github = CheckReport.github(List.of(new CheckCommand.FileResult("dir\nx.yaml", "", List.of(d))));
    assertEquals(List.of("::error file=dir%0Ax.yaml,line=3,col=5,endLine=3,endColumn=10,title=schema/additionalProperties::unknown key `evil%0D%0A"
        + "::error file=x.yaml,line=1::forged\\u0085\\u2028\\u007F\\u001B[31m\\\\`"), github.lines().toList());
  }
}

package dev.reservoir.cli;

import java.util.List;

/** Writes CSV lines (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. */
final class Csv {
    private Csv() {
    }

    static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (i > 0) {
                b.append(',');
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.append("\r\n").toString();
    }
}

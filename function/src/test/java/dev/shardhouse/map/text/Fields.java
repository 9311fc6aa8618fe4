package dev.shardhouse.map.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Test shortcut: the fields a splitter reads from a record, as strings, null standing for NULL. */
final class Fields {

    private Fields() {
    }

    static List<String> of(BiConsumer<byte[], TextFields> splitter, byte[] record) {
        TextFields fields = new TextFields();
        splitter.accept(record, fields);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < fields.count(); i++) {
            values.add(fields.isNull(i) ? null
                    : new String(fields.text(), fields.start(i), fields.length(i), StandardCharsets.UTF_8));
        }
        return values;
    }

    static List<String> of(BiConsumer<byte[], TextFields> splitter, String record) {
        return of(splitter, record.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.shardhouse.map;

import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Setting;
import java.util.Locale;

/** How the data of a user record is laid out (setting RECORD_FORMAT). */
public enum RecordFormat {
    /** A JSON object whose keys name columns. */
    JSON,
    /** One CSV row (RFC 4180), fields in column order. */
    CSV,
    /** One TabSeparated row with ClickHouse escapes, fields in column order. */
    TSV,
    /** The whole record, as UTF-8 text, into the table's one String column. */
    RAW;

    /** @throws ConfigException for anything but JSON, CSV, TSV or RAW (in any case) */
    public static RecordFormat parse(String settingValue) {
        String wanted = settingValue == null ? "" : settingValue.trim().toUpperCase(Locale.ROOT);
        for (RecordFormat format : values()) {
            if (format.name().equals(wanted)) {
                return format;
            }
        }
        throw new ConfigException(Setting.RECORD_FORMAT.name(), settingValue, "JSON, CSV, TSV or RAW");
    }
}

package dev.shardhouse.map.rowbinary;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link ValueEncoder} of a ClickHouse column type. */
public final class ValueEncoders {

    /** The types {@link #forType} accepts, for error messages. */
    public static final String SUPPORTED = "String, FixedString(N), (U)Int8/16/32/64/128/256, Float32/64, "
            + "Decimal(P, S), Decimal32/64/128/256(S), Bool, Date, Date32, DateTime[('tz')], DateTime64(p[, 'tz']), "
            + "UUID, IPv4, IPv6, Enum8/16, Nullable(T), LowCardinality(T), Array(T), Map(K, V), "
            + "Tuple(T1, ...) and Tuple(name1 T1, ...), JSON";

    /**
     * The insert setting by which ClickHouse reads a {@code JSON} value of RowBinary as a String of JSON text, as
     * these encoders write it, rather than in its native binary form.
     */
    public static final String JSON_AS_STRING = "input_format_binary_read_json_as_string";
    /**
     * The setting without which ClickHouse refuses to build a {@code Nullable(Tuple(...))}, even the one of
     * {@code input()}'s structure for a table that already has such a column.
     */
    public static final String NULLABLE_TUPLE = "enable_nullable_tuple_type";

    private ValueEncoders() {
    }

    /**
     * The encoder of a type as system.columns spells it, e.g. {@code LowCardinality(Nullable(String))}.
     *
     * @throws UnsupportedTypeException if the type (or one inside it) is not supported, or malformed
     */
    public static ValueEncoder forType(String type) throws UnsupportedTypeException {
        TypeCursor cursor = new TypeCursor(type);
        ValueEncoder encoder = read(cursor);
        cursor.expectEnd();
        return encoder;
    }

    private static ValueEncoder read(TypeCursor cursor) throws UnsupportedTypeException {
        String name = cursor.name();
        IntegerEncoder integer = IntegerEncoder.named(name);
        if (integer != null) {
            return integer;
        }
        return switch (name) {
            case "String" -> StringEncoder.INSTANCE;
            case "FixedString" -> new FixedStringEncoder(intArgument(cursor, 1, Integer.MAX_VALUE));
            case "Float32" -> FloatEncoder.FLOAT32;
            case "Float64" -> FloatEncoder.FLOAT64;
            case "Decimal" -> decimal(cursor);
            case "Decimal32" -> new DecimalEncoder(9, intArgument(cursor, 0, 9));
            case "Decimal64" -> new DecimalEncoder(18, intArgument(cursor, 0, 18));
            case "Decimal128" -> new DecimalEncoder(38, intArgument(cursor, 0, 38));
            case "Decimal256" -> new DecimalEncoder(76, intArgument(cursor, 0, 76));
            case "Bool", "Boolean" -> BoolEncoder.INSTANCE;
            case "Date" -> DateEncoder.DATE;
            case "Date32" -> DateEncoder.DATE32;
            case "DateTime" -> dateTime(cursor);
            case "DateTime64" -> dateTime64(cursor);
            case "UUID" -> UuidEncoder.INSTANCE;
            case "IPv4" -> Ipv4Encoder.INSTANCE;
            case "IPv6" -> Ipv6Encoder.INSTANCE;
            case "Enum8" -> enumeration(cursor, name, 1, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case "Enum16" -> enumeration(cursor, name, 2, Short.MIN_VALUE, Short.MAX_VALUE);
            case "Nullable" -> new NullableEncoder(typeArgument(cursor));
            case "LowCardinality" -> typeArgument(cursor); // RowBinary writes LowCardinality(T) exactly as T
            case "Array" -> new ArrayEncoder(typeArgument(cursor));
            case "Map" -> map(cursor);
            case "Tuple" -> tuple(cursor);
            case "JSON" -> json(cursor);
            default -> throw new UnsupportedTypeException(name + " is not supported");
        };
    }

    private static ValueEncoder typeArgument(TypeCursor cursor) throws UnsupportedTypeException {
        cursor.expect('(');
        ValueEncoder inner = read(cursor);
        cursor.expect(')');
        return inner;
    }

    private static int intArgument(TypeCursor cursor, int min, int max) throws UnsupportedTypeException {
        cursor.expect('(');
        int value = bounded(cursor.integer(), min, max);
        cursor.expect(')');
        return value;
    }

    private static int bounded(long value, int min, int max) throws UnsupportedTypeException {
        if (value < min || value > max) {
            throw new UnsupportedTypeException("type argument " + value + " is outside " + min + ".." + max);
        }
        return (int) value;
    }

    private static ValueEncoder decimal(TypeCursor cursor) throws UnsupportedTypeException {
        cursor.expect('(');
        int precision = bounded(cursor.integer(), 1, 76);
        int scale = cursor.accept(',') ? bounded(cursor.integer(), 0, precision) : 0;
        cursor.expect(')');
        return new DecimalEncoder(precision, scale);
    }

    private static ValueEncoder dateTime(TypeCursor cursor) throws UnsupportedTypeException {
        ZoneId zone = null;
        if (cursor.accept('(')) {
            zone = zone(cursor.quoted());
            cursor.expect(')');
        }
        return DateTimeEncoder.dateTime(zone == null ? "DateTime" : "DateTime('" + zone.getId() + "')", zone);
    }

    private static ValueEncoder dateTime64(TypeCursor cursor) throws UnsupportedTypeException {
        cursor.expect('(');
        int precision = bounded(cursor.integer(), 0, 9);
        ZoneId zone = cursor.accept(',') ? zone(cursor.quoted()) : null;
        cursor.expect(')');
        String type = "DateTime64(" + precision + (zone == null ? "" : ", '" + zone.getId() + "'") + ")";
        return DateTimeEncoder.dateTime64(type, precision, zone);
    }

    private static ZoneId zone(String name) throws UnsupportedTypeException {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new UnsupportedTypeException("timezone '" + name + "' is unknown to Java");
        }
    }

    private static ValueEncoder enumeration(TypeCursor cursor, String name, int width, int min, int max)
            throws UnsupportedTypeException {
        Map<String, Integer> numbersByName = new LinkedHashMap<>();
        StringBuilder type = new StringBuilder(name).append('(');
        cursor.expect('(');
        do {
            String element = cursor.quoted();
            cursor.expect('=');
            int number = bounded(cursor.integer(), min, max);
            if (numbersByName.put(element, number) != null) {
                throw new UnsupportedTypeException(name + " names '" + element + "' twice");
            }
            type.append(numbersByName.size() > 1 ? ", '" : "'").append(element).append("' = ").append(number);
        } while (cursor.accept(','));
        cursor.expect(')');
        return new EnumEncoder(type.append(')').toString(), width, numbersByName);
    }

    private static ValueEncoder map(TypeCursor cursor) throws UnsupportedTypeException {
        cursor.expect('(');
        ValueEncoder key = read(cursor);
        cursor.expect(',');
        ValueEncoder value = read(cursor);
        cursor.expect(')');
        return new MapEncoder(key, value);
    }

    private static ValueEncoder tuple(TypeCursor cursor) throws UnsupportedTypeException {
        List<String> names = new ArrayList<>();
        List<ValueEncoder> elements = new ArrayList<>();
        cursor.expect('(');
        do {
            cursor.elementName().ifPresent(names::add);
            elements.add(read(cursor));
        } while (cursor.accept(','));
        cursor.expect(')');
        if (names.isEmpty()) {
            return TupleEncoder.unnamed(elements);
        }
        if (names.size() != elements.size()) {
            throw new UnsupportedTypeException("Tuple names some of its elements but not all");
        }
        return TupleEncoder.named(names, elements);
    }

    /** The arguments (typed paths, SKIP clauses, limits) need nothing here: ClickHouse applies them to the text. */
    private static ValueEncoder json(TypeCursor cursor) throws UnsupportedTypeException {
        cursor.skipArguments();
        return JsonObjectEncoder.INSTANCE;
    }
}

package dev.shardhouse.map.differential;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generated (type, value) cases: every type the mapper supports, each with the values every column meets (nulls,
 * empties, numbers as strings, strings as numbers, unicode, escapes, containers) and the values of its own kind
 * (boundaries, overflow, precision edges, every textual form of a date and time). Values are JSON literals, one per
 * line; {@code <absent>} leaves the key out.
 */
final class Corpus {

    /** Values every column is given, whatever its type. */
    private static final String EVERY_TYPE = """
            <absent>
            null
            ""
            " "
            0
            "0"
            1
            "1"
            -1
            "-1"
            1.5
            "1.5"
            true
            false
            "true"
            "abc"
            " 1"
            "1 "
            "héllo"
            "日本語"
            "emoji 😀"
            "quote \\" inside"
            "back\\\\slash"
            "tab\\there"
            "line\\nbreak"
            "\\\\N"
            "NULL"
            "nan"
            "inf"
            []
            {}
            "[]"
            1e3
            "1e3"
            "+1"
            "0x10"
            "007"
            """;

    private static final String FLOATS = """
            0.1
            -0.0
            1e38
            3.4028235e38
            3.5e38
            1e-45
            1e-46
            1.7976931348623157e308
            4.9e-324
            123456789.123456789
            1.005
            "0.1"
            "NaN"
            "-inf"
            "Infinity"
            "-Infinity"
            "1,5"
            "1.5e"
            ".5"
            "5."
            "1_000"
            12345678901234567890
            """;

    private static final String DECIMALS = """
            1.005
            1.004
            1.015
            -1.005
            0.001
            0.01
            0.1
            99.99
            "12.345"
            "12.3"
            ".5"
            "5."
            "-.5"
            1e2
            1e-2
            1.0E+1
            "1e2"
            "1e-2"
            12345678901234567890
            -12345678901234567890
            "1.005"
            3.0
            -0.0
            """;

    private static final String BOOLS = """
            2
            "2"
            "false"
            "True"
            "FALSE"
            "T"
            "F"
            "y"
            "n"
            "yes"
            "no"
            "on"
            "off"
            "enable"
            "disable"
            0.0
            1.0
            """;

    private static final String TEXTS = """
            "abcd"
            "abcde"
            "ab"
            "é"
            "日本"
            "a\\u0000b"
            "\\u00e9t\\u00e9"
            "carriage\\rreturn"
            "\\"quoted\\""
            "'single'"
            "a,b"
            12345
            1e400
            [1,2]
            {"k":"v"}
            [{"k":1}]
            """;

    private static final String UUIDS = """
            "61f0c404-5cb3-11e7-907b-a6006ad3dba0"
            "61F0C404-5CB3-11E7-907B-A6006AD3DBA0"
            "61f0c4045cb311e7907ba6006ad3dba0"
            "{61f0c404-5cb3-11e7-907b-a6006ad3dba0}"
            "61f0c404-5cb3-11e7-907b-a6006ad3dba"
            "61f0c404-5cb3-11e7-907b-a6006ad3dba00"
            "00000000-0000-0000-0000-000000000000"
            "ffffffff-ffff-ffff-ffff-ffffffffffff"
            "g1f0c404-5cb3-11e7-907b-a6006ad3dba0"
            " 61f0c404-5cb3-11e7-907b-a6006ad3dba0"
            """;

    private static final String IPS = """
            "1.2.3.4"
            "0.0.0.0"
            "255.255.255.255"
            "256.0.0.1"
            "1.2.3"
            "1.2.3.4.5"
            "01.02.03.04"
            16909060
            "16909060"
            4294967296
            " 1.2.3.4"
            "::"
            "::1"
            "2001:db8::1"
            "2001:DB8::1"
            "::ffff:1.2.3.4"
            "fe80::1%eth0"
            "[::1]"
            "1:2:3:4:5:6:7:8"
            "1:2:3:4:5:6:7:8:9"
            "2001:db8:::1"
            """;

    private static final String DATES = """
            "2024-01-15"
            "2024-1-5"
            "20240115"
            "2024/01/15"
            "15.01.2024"
            "2024-01-15 10:30:00"
            "2024-01-15T10:30:00Z"
            "2024-02-29"
            "2023-02-29"
            "2024-13-01"
            "2024-01-32"
            "1970-01-01"
            "1969-12-31"
            "1900-01-01"
            "1899-12-31"
            "2149-06-06"
            "2149-06-07"
            "2299-12-31"
            "2300-01-01"
            "0000-00-00"
            19737
            "19737"
            1705314600
            "1705314600"
            65535
            65536
            -1
            """;

    private static final String DATE_TIMES = """
            "2024-01-15 10:30:00"
            "2024-01-15T10:30:00"
            "2024-01-15T10:30:00Z"
            "2024-01-15T10:30:00+02:00"
            "2024-01-15T10:30:00-0530"
            "2024-01-15T10:30:00.123Z"
            "2024-01-15 10:30:00.123"
            "2024-01-15 10:30:00.123456789"
            "2024-01-15 10:30:00.1234567891"
            "2024-01-15"
            "2024-01-15 10:30"
            "2024-01-15 10:30:60"
            "2024-01-15 24:00:00"
            "2024-1-5 1:2:3"
            "20240115103000"
            "2024/01/15 10:30:00"
            "Mon, 15 Jan 2024 10:30:00 GMT"
            "15/01/2024 10:30:00"
            "1970-01-01 00:00:00"
            "1969-12-31 23:59:59"
            "1900-01-01 00:00:00"
            "2106-02-07 06:28:15"
            "2106-02-07 06:28:16"
            "2262-04-11 23:47:16"
            "2299-12-31 23:59:59"
            "2300-01-01 00:00:00"
            1705314600
            "1705314600"
            1705314600.5
            "1705314600.5"
            1705314600.123456
            1764062042
            1764062042123
            "1764062042123"
            4294967295
            4294967296
            -1
            "-1"
            """;

    private static final String ENUMS = """
            "a"
            "b"
            "neg"
            "A"
            "c"
            2
            "2"
            3
            -128
            "-128"
            " a"
            """;

    private static final String ARRAYS = """
            [1,2]
            ["1","2"]
            [1.5]
            [null]
            [true]
            [[1],[2]]
            [[]]
            ["a","b"]
            "[1,2]"
            "['a','b']"
            "[\\"a\\"]"
            "[1, 2]"
            [300]
            [-1]
            """;

    private static final String MAPS = """
            {"a":1}
            {"a":"1"}
            {"a":-1}
            {"a":null}
            {"a":1.5}
            {"a":1,"b":2}
            {"1":"x"}
            {"a":[1]}
            {"a":{"b":1}}
            "{'a':1}"
            "{\\"a\\":1}"
            [["a",1]]
            """;

    /** For tuples of (Int32, String): named ones read objects by key, unnamed ones arrays by position. */
    private static final String TUPLES = """
            {"a":1,"b":"x"}
            {"b":"x","a":1}
            {"a":1}
            {"b":"x"}
            {"a":1,"b":"x","c":3}
            {"a":null,"b":"x"}
            {"a":1,"b":null}
            {"a":"5","b":7}
            {"A":1,"B":"x"}
            {"a":1.5,"b":"x"}
            {"a":3.0,"b":"x"}
            {"a":true,"b":"x"}
            {"a":2147483648,"b":"x"}
            {"a":[1],"b":"x"}
            {"a":{"x":1},"b":"x"}
            {"a":1,"b":[1,"x"]}
            {"a":1,"b":{"k":"v"}}
            {"a":1,"b":"h\\u00e9llo \\"q\\" \\\\ \\n"}
            {"a":1,"b":"日本語 😀"}
            {"a":1,"b":"x","a ":2}
            [1,"x"]
            [1]
            [1,"x",3]
            [null,"x"]
            [1,null]
            ["5",7]
            [[1],"x"]
            [1,{"k":"v"}]
            "(1,'x')"
            "(1, 'x')"
            "{\\"a\\":1,\\"b\\":\\"x\\"}"
            "[1,\\"x\\"]"
            """;

    /** For a tuple of an Int32 and a tuple (String, Array(UInt8)), named or not. */
    private static final String NESTED_TUPLES = """
            {"a":1,"t":{"x":"s","y":[1,2]}}
            {"a":1,"t":{"x":"s"}}
            {"a":1,"t":{}}
            {"a":1,"t":null}
            {"a":1,"t":{"x":"s","y":[300]}}
            {"a":1,"t":{"x":"s","y":null}}
            {"a":1,"t":{"x":"s","y":[null]}}
            {"t":{"y":[1]}}
            {"a":1,"t":"s"}
            {"a":1,"t":["s",[1,2]]}
            [1,["s",[1,2]]]
            [1,["s",[]]]
            [1,["s"]]
            [1,null]
            [1,[null,null]]
            [1,{"x":"s","y":[1]}]
            "(1,('s',[1,2]))"
            """;

    /** For arrays and maps of tuples (Int32, String), and a tuple with an Enum element. */
    private static final String TUPLES_INSIDE = """
            [{"a":1,"b":"x"},{"a":2,"b":"y"}]
            [{"a":1},{}]
            [{"a":1,"b":"x","c":3}]
            [null]
            [[1,"x"],[2,"y"]]
            [[1]]
            [{"a":"z"}]
            {"k":[1,"x"]}
            {"k":{"a":1,"b":"x"}}
            {"k":[1]}
            {"k":null}
            {"a":1,"e":"y"}
            {"a":1,"e":2}
            {"a":1}
            {"a":1,"e":null}
            {"a":1,"e":"z"}
            "[(1,'x')]"
            """;

    /** For the JSON type: objects of every shape, typed paths, what ClickHouse infers, and what is not an object. */
    private static final String JSONS = """
            {"a":1,"b":"x"}
            {"a":{"b":1}}
            {"a":{"b":"x"}}
            {"a":{"b":-1}}
            {"a.b":2}
            {"a":{"b":[1,2,{"c":null}]}}
            {"a":null}
            {"c":5,"d":6}
            {"a":1e3,"b":1.5,"c":true,"d":12345678901234567890}
            {"a":-0.0}
            {"a":1.0}
            {"a":0.1}
            {"a":1e400}
            {"a":123456789012345678901234567890}
            {"\\u00e9":"\\u00e9\\n\\t\\"q\\" \\\\ 😀"}
            {"a":"\\u0000"}
            {"a":"\\/"}
            {"a":[]}
            {"a":{}}
            {"":1}
            {"a":"2024-01-15"}
            {"a":[1,"x",null,{"b":1}]}
            {"a":[[1],[2.5]]}
            {"a":1,"a":{"b":1}}
            {"a":1,"a":2}
            [{"a":1}]
            "{\\"a\\":1}"
            """;

    /** For arrays, maps and tuples of JSON. */
    private static final String JSONS_INSIDE = """
            [{"a":1},{"b":"x"}]
            [{}]
            [null]
            [1]
            {"k":{"a":1}}
            {"k":null}
            {"k":1}
            {"a":1,"j":{"x":1}}
            {"a":1,"j":{"x":{"y":[1]}}}
            {"a":1,"j":null}
            {"a":1,"j":"x"}
            {"a":1,"j":[1]}
            [1,{"x":1}]
            """;

    private Corpus() {
    }

    /** Every case, types in a stable order, values without repeats per type. */
    static List<DiffCase> cases() {
        List<DiffCase> cases = new ArrayList<>();
        types().forEach((type, values) -> {
            Set<String> all = new LinkedHashSet<>(lines(EVERY_TYPE));
            all.addAll(values);
            all.forEach(value -> cases.add(new DiffCase(type, value)));
        });
        return cases;
    }

    /** Each supported type with the values of its own kind. */
    static Map<String, List<String>> types() {
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (int bits : new int[] {8, 16, 32, 64, 128, 256}) {
            types.put("Int" + bits, integers(bits, true));
            types.put("UInt" + bits, integers(bits, false));
        }
        types.put("Float32", lines(FLOATS));
        types.put("Float64", lines(FLOATS));
        for (String decimal : List.of("Decimal(9, 0)", "Decimal(12, 2)", "Decimal(18, 4)", "Decimal(38, 10)",
                "Decimal(76, 30)", "Decimal32(2)")) {
            types.put(decimal, lines(DECIMALS));
        }
        types.put("Bool", lines(BOOLS));
        types.put("String", lines(TEXTS));
        types.put("FixedString(4)", lines(TEXTS));
        types.put("LowCardinality(String)", lines(TEXTS));
        types.put("Nullable(String)", lines(TEXTS));
        types.put("LowCardinality(Nullable(String))", lines(TEXTS));
        types.put("UUID", lines(UUIDS));
        types.put("IPv4", lines(IPS));
        types.put("IPv6", lines(IPS));
        types.put("Date", lines(DATES));
        types.put("Date32", lines(DATES));
        types.put("DateTime", lines(DATE_TIMES));
        types.put("DateTime('Asia/Tokyo')", lines(DATE_TIMES));
        types.put("DateTime64(0)", lines(DATE_TIMES));
        types.put("DateTime64(3)", lines(DATE_TIMES));
        types.put("DateTime64(6, 'America/New_York')", lines(DATE_TIMES));
        types.put("DateTime64(9)", lines(DATE_TIMES));
        types.put("Nullable(DateTime64(3))", lines(DATE_TIMES));
        types.put("Enum8('a' = 1, 'b' = 2, 'neg' = -128)", lines(ENUMS));
        types.put("Enum16('a' = 1, 'b' = 2, 'neg' = -128, 'big' = 1000)", lines(ENUMS));
        types.put("Nullable(Int32)", integers(32, true));
        types.put("LowCardinality(FixedString(4))", lines(TEXTS));
        types.put("Array(Int32)", lines(ARRAYS));
        types.put("Array(UInt8)", lines(ARRAYS));
        types.put("Array(String)", lines(ARRAYS));
        types.put("Array(Nullable(String))", lines(ARRAYS));
        types.put("Array(Array(UInt8))", lines(ARRAYS));
        types.put("Array(Float64)", lines(ARRAYS));
        types.put("Map(String, UInt64)", lines(MAPS));
        types.put("Map(String, String)", lines(MAPS));
        types.put("Map(String, Nullable(Int32))", lines(MAPS));
        types.put("Map(UInt8, String)", lines(MAPS));
        types.put("Map(String, Array(Int32))", lines(MAPS));
        types.put("Tuple(a Int32, b String)", lines(TUPLES));
        types.put("Tuple(Int32, String)", lines(TUPLES));
        types.put("Tuple(a Nullable(Int32), b LowCardinality(String))", lines(TUPLES));
        types.put("Nullable(Tuple(a Int32, b String))", lines(TUPLES));
        types.put("Tuple(a Int32, t Tuple(x String, y Array(UInt8)))", lines(NESTED_TUPLES));
        types.put("Tuple(Int32, Tuple(String, Array(UInt8)))", lines(NESTED_TUPLES));
        types.put("Array(Tuple(a Int32, b String))", lines(TUPLES_INSIDE));
        types.put("Array(Tuple(Int32, String))", lines(TUPLES_INSIDE));
        types.put("Map(String, Tuple(Int32, String))", lines(TUPLES_INSIDE));
        types.put("Tuple(a Int32, e Enum8('x' = 1, 'y' = 2))", lines(TUPLES_INSIDE));
        types.put("JSON", lines(JSONS));
        types.put("JSON(max_dynamic_paths = 2, a.b UInt32, SKIP c)", lines(JSONS));
        types.put("Nullable(JSON)", lines(JSONS));
        types.put("Array(JSON)", lines(JSONS_INSIDE));
        types.put("Map(String, JSON)", lines(JSONS_INSIDE));
        types.put("Tuple(a Int32, j JSON)", lines(JSONS_INSIDE));
        return types;
    }

    /** Boundaries, one beyond each, far beyond, as numbers and as strings, and fractions that look whole. */
    private static List<String> integers(int bits, boolean signed) {
        BigInteger max = signed ? BigInteger.TWO.pow(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.TWO.pow(bits).subtract(BigInteger.ONE);
        BigInteger min = signed ? BigInteger.TWO.pow(bits - 1).negate() : BigInteger.ZERO;
        List<String> values = new ArrayList<>();
        for (BigInteger edge : List.of(max, max.add(BigInteger.ONE), min, min.subtract(BigInteger.ONE),
                max.multiply(BigInteger.TEN.pow(3)))) {
            values.add(edge.toString());
            values.add('"' + edge.toString() + '"');
        }
        values.addAll(List.of("3.0", "3.5", "-3.5", "\"3.0\"", "1e2", "1.0e2", "1E+2", "12.0000000001", "\" 12\"",
                "\"12abc\"", "\"-0\"", "-0", "256", "65536", "\"1_000\"", "\"١٢\""));
        return values;
    }

    private static List<String> lines(String block) {
        return block.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}

package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code Tuple(T1, T2, ...)}: the elements one after another, nothing before them. As ClickHouse's JSONEachRow reads
 * it: a named tuple ({@code Tuple(a Int32, b String)}) from a JSON object, by element name
 * ({@code input_format_json_named_tuples_as_objects}), keys that name no element ignored and an element without a key
 * at its type's default; an unnamed tuple from a JSON array with one item per element. A JSON null is NULL for a
 * Nullable element and the default for any other, as for a column. As text (a CSV or TSV field), the JSON form.
 */
final class TupleEncoder implements ValueEncoder {

    /** The element names in order, or empty for an unnamed tuple. */
    private final List<String> names;
    private final List<ValueEncoder> elements;

    private TupleEncoder(List<String> names, List<ValueEncoder> elements) {
        this.names = List.copyOf(names);
        this.elements = List.copyOf(elements);
    }

    static TupleEncoder named(List<String> names, List<ValueEncoder> elements) {
        return new TupleEncoder(names, elements);
    }

    static TupleEncoder unnamed(List<ValueEncoder> elements) {
        return new TupleEncoder(List.of(), elements);
    }

    @Override
    public void writeJson(JsonNode value, RowBuffer out) {
        if (names.isEmpty()) {
            if (!value.isArray() || value.size() != elements.size()) {
                throw InvalidValueException.expected("a JSON array of " + elements.size() + " elements",
                        ShownValue.json(value));
            }
            for (int i = 0; i < elements.size(); i++) {
                writeElement(i, Integer.toString(i + 1), value.get(i), out);
            }
        } else {
            if (!value.isObject()) {
                throw InvalidValueException.expected("a JSON object", ShownValue.json(value));
            }
            for (int i = 0; i < elements.size(); i++) {
                writeElement(i, names.get(i), value.get(names.get(i)), out);
            }
        }
    }

    /** @param item the element's JSON value, or null when the record leaves it out */
    private void writeElement(int index, String name, JsonNode item, RowBuffer out) {
        ValueEncoder element = elements.get(index);
        if (item == null || (item.isNull() && !element.isNullable())) {
            element.writeDefault(out);
            return;
        }
        try {
            element.writeJson(item, out);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("element " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        writeJson(JsonInput.parseValue(text), out);
    }

    @Override
    public void writeDefault(RowBuffer out) {
        for (ValueEncoder element : elements) {
            element.writeDefault(out);
        }
    }

    /** The whole default written out when an element's must be (an Enum's: see {@link EnumEncoder#explicitDefault}). */
    @Override
    public Optional<byte[]> explicitDefault() {
        if (elements.stream().allMatch(element -> element.explicitDefault().isEmpty())) {
            return Optional.empty();
        }
        RowBuffer out = new RowBuffer(16);
        writeDefault(out);
        return Optional.of(out.toByteArray());
    }

    @Override
    public Map<String, String> insertSettings() {
        Map<String, String> settings = new TreeMap<>();
        elements.forEach(element -> settings.putAll(element.insertSettings()));
        return settings;
    }
}

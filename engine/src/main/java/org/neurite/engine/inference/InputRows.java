package org.neurite.engine.inference;

import java.util.List;

import org.neurite.engine.io.Json;

/** Reads one input from a CSV or JSON row of numbers, saying where a value is wrong. */
final class InputRows {

    private InputRows() {
    }

    static float[] csv(String row, int expected) {
        String[] fields = row.strip().split(",", -1);
        if (fields.length != expected) {
            throw new IllegalArgumentException("CSV row has " + fields.length + " values, expected " + expected);
        }
        float[] values = new float[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i].strip();
            try {
                values[i] = Float.parseFloat(field);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CSV row, column " + (i + 1) + ": expected a number, got '" + field + "'");
            }
        }
        return values;
    }

    static float[] json(String row, int expected) {
        Object parsed = Json.read(row, "JSON row");
        if (!(parsed instanceof List<?> list)) {
            throw new IllegalArgumentException("JSON row: expected an array of " + expected + " numbers, got "
                    + (parsed instanceof java.util.Map ? "an object" : String.valueOf(parsed)));
        }
        if (list.size() != expected) {
            throw new IllegalArgumentException("JSON row has " + list.size() + " values, expected " + expected);
        }
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("JSON row [" + i + "]: expected a number, got " + Json.writeCompact(list.get(i)));
            }
            values[i] = n.floatValue();
        }
        return values;
    }
}

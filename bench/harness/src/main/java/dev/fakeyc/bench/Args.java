package dev.fakeyc.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs; a name given twice keeps every value. */
record Args(Map<String, List<String>> values) {
	static Args parse(String[] args) {
		Map<String, List<String>> values = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
			}
			values.computeIfAbsent(args[i], k -> new java.util.ArrayList<>()).add(args[i + 1]);
		}
		return new Args(values);
	}

	String value(String name, String otherwise) {
		List<String> v = values.get(name);
		return v == null ? otherwise : v.get(v.size() - 1);
	}

	int intValue(String name, int otherwise) {
		String v = value(name, null);
		return v == null ? otherwise : Integer.parseInt(v);
	}

	List<String> all(String name) {
		return values.getOrDefault(name, List.of());
	}
}

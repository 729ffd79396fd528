package org.passage.rules.table;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the simple class names a rules sheet uses through its imports, as Drools does.
 */
final class FactClasses {

	private final List<String> imports;

	FactClasses(List<String> imports) {
		this.imports = imports;
	}

	Optional<Class<?>> resolve(String simpleName) {
		for (String imported : this.imports) {
			String candidate = imported.endsWith(".*") ? imported.substring(0, imported.length() - 1) + simpleName
					: imported.endsWith("." + simpleName) ? imported : null;
			if (candidate != null) {
				try {
					return Optional.of(Class.forName(candidate, false, FactClasses.class.getClassLoader()));
				}
				catch (ClassNotFoundException ex) {
					// try the next import
				}
			}
		}
		return Optional.empty();
	}

	/** The record component of {@code type} named {@code field}, if any. */
	static Optional<RecordComponent> component(Class<?> type, String field) {
		if (!type.isRecord()) {
			return Optional.empty();
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.getName().equals(field)) {
				return Optional.of(component);
			}
		}
		return Optional.empty();
	}

	/** The element class of a {@code Set<E>} component, or null. */
	static Class<?> elementType(RecordComponent component) {
		Type generic = component.getGenericType();
		if (generic instanceof ParameterizedType parameterized
				&& parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
			return element;
		}
		return null;
	}

}

package org.passage.rules.decision;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Granted components as every decision holds them: immutable, in the enum's order. */
final class Components {

	private Components() {
	}

	static Set<Component> copyOf(Set<Component> components) {
		return components.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(components));
	}

}

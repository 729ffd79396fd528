package org.passage.encryption;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.crypto.tink.KeysetHandle;
import org.passage.encryption.internal.Keysets;

/**
 * The keysets from the command line, as an operator rotates them:
 * {@code java -jar passage-service.jar keys <command> <directory> [key id]}.
 * <ul>
 * <li>{@code generate}: makes both keysets if they are missing;</li>
 * <li>{@code rotate}: adds a new key to each keyset and makes it the primary (one node,
 * or every node restarted at once);</li>
 * <li>{@code add}, then {@code promote}: the same in two steps for several nodes, each
 * rolled out to every node before the next, so that no node meets a ciphertext it cannot
 * open;</li>
 * <li>{@code retire [key id]}: removes every key but the primaries (or the one named)
 * once everything is sealed again ({@code POST /api/v1/operations/personal-data:reseal}):
 * what only they sealed no longer opens;</li>
 * <li>{@code list}: the keys' ids and which is primary, never the keys.</li>
 * </ul>
 * Plain Java: the service is not started.
 */
public final class KeyTool {

	private KeyTool() {
	}

	public static void main(String[] args) {
		System.exit(run(List.of(args), System.out, System.err));
	}

	/** Runs one command; the exit status is 0 when it did what it says. */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		if (args.size() < 2) {
			err.println("usage: keys generate|rotate|add|promote|retire|list <directory> [key id to retire]");
			return 2;
		}
		String command = args.get(0);
		Path directory = Path.of(args.get(1));
		try {
			switch (command) {
				case "generate" -> {
					for (Keysets.Kind kind : Keysets.Kind.values()) {
						out.println(kind.file() + (Keysets.createIfMissing(directory, kind) ? ": made" : ": kept"));
					}
				}
				case "rotate", "add" -> {
					for (Keysets.Kind kind : Keysets.Kind.values()) {
						KeysetHandle rotated = Keysets.withNewKey(existing(directory, kind), kind,
								command.equals("rotate"));
						Keysets.write(directory, kind, rotated);
						out.println(kind.file() + ": " + describe(rotated));
					}
				}
				case "promote" -> {
					for (Keysets.Kind kind : Keysets.Kind.values()) {
						KeysetHandle keyset = existing(directory, kind);
						KeysetHandle promoted = Keysets.withPrimary(keyset, keyset.getAt(keyset.size() - 1).getId());
						Keysets.write(directory, kind, promoted);
						out.println(kind.file() + ": " + describe(promoted));
					}
				}
				case "retire" -> {
					// without an id: every key but the primaries, once everything is
					// sealed again
					Integer only = args.size() > 2 ? Integer.parseUnsignedInt(args.get(2), 16) : null;
					boolean found = false;
					for (Keysets.Kind kind : Keysets.Kind.values()) {
						KeysetHandle keyset = existing(directory, kind);
						for (int i = keyset.size() - 1; i >= 0; i--) {
							int id = keyset.getAt(i).getId();
							if (only == null ? !keyset.getAt(i).isPrimary() : id == only) {
								keyset = Keysets.without(keyset, id);
								out.println(kind.file() + ": retired " + String.format("%08x", id));
								found = true;
							}
						}
						Keysets.write(directory, kind, keyset);
					}
					if (!found) {
						err.println(
								only == null ? "No older key to retire" : "No key " + args.get(2) + " in " + directory);
						return 1;
					}
				}
				case "list" -> {
					for (Keysets.Kind kind : Keysets.Kind.values()) {
						out.println(kind.file() + ": " + describe(existing(directory, kind)));
					}
				}
				default -> {
					err.println("Unknown command " + command + ": generate, rotate, add, promote, retire or list");
					return 2;
				}
			}
			return 0;
		}
		catch (RuntimeException ex) {
			err.println(ex.getMessage());
			return 1;
		}
	}

	private static KeysetHandle existing(Path directory, Keysets.Kind kind) {
		if (!Files.exists(directory.resolve(kind.file()))) {
			throw new IllegalArgumentException("No keyset " + directory.resolve(kind.file()) + ": run 'keys generate'");
		}
		return Keysets.read(directory, kind);
	}

	/** The keys' ids in hex (as the blind index and the key tool write them). */
	private static String describe(KeysetHandle keyset) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < keyset.size(); i++) {
			text.append(i == 0 ? "" : ", ")
				.append(String.format("%08x", keyset.getAt(i).getId()))
				.append(keyset.getAt(i).isPrimary() ? " (primary)" : "");
		}
		return text.toString();
	}

}

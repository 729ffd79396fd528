package org.passage.encryption;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key tool as an operator uses it: generate once, rotate (or add, then promote),
 * retire an old key; what an older key sealed opens until that key is retired.
 */
class KeyToolTest {

	private static final PersonalData.Column NOTE = new PersonalData.Column("app.case_note", "text");

	private static final Pattern PRIMARY = Pattern.compile("personal-data\\.json: .*?([0-9a-f]{8}) \\(primary\\)");

	@TempDir
	Path keys;

	@Test
	void generatingTwiceKeepsTheFirstKeys() {
		assertThat(run(0, "generate")).contains("personal-data.json: made", "blind-index.json: made");
		assertThat(run(0, "generate")).contains("personal-data.json: kept", "blind-index.json: kept");
	}

	@Test
	void afterARotationOldCiphertextsOpenUntilTheirKeyIsRetired() {
		run(0, "generate");
		String first = primary(run(0, "list"));
		byte[] old = service().seal("Called the shelter", NOTE, 1);

		String rotated = run(0, "rotate");
		String second = primary(rotated);
		assertThat(second).isNotEqualTo(first);
		assertThat(service().open(old, NOTE, 1)).isEqualTo("Called the shelter");
		assertThat(service().seal("Called again", NOTE, 2)).startsWith(service().primaryPrefix());

		assertThat(run(1, "retire", second)).as("the primary cannot be retired").contains("primary");
		assertThat(run(0, "retire", first)).contains("retired " + first);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> service().open(old, NOTE, 1))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aKeyAddedIsNotUsedToSealUntilPromoted() {
		run(0, "generate");
		String first = primary(run(0, "list"));
		run(0, "add");
		assertThat(primary(run(0, "list"))).as("added, not yet primary").isEqualTo(first);
		assertThat(primary(run(0, "promote"))).isNotEqualTo(first);
	}

	@Test
	void withoutKeysetsOrWithAnUnknownCommandItSaysWhatToDo() {
		assertThat(run(1, "rotate")).contains("keys generate");
		assertThat(run(2, "shred")).contains("Unknown command");
	}

	private PersonalData service() {
		return new PersonalData(this.keys.toString(), "", "", false);
	}

	private static String primary(String listing) {
		Matcher primary = PRIMARY.matcher(listing);
		assertThat(primary.find()).as(listing).isTrue();
		return primary.group(1);
	}

	/** Runs the tool, expecting {@code status}; its output and errors together. */
	private String run(int status, String... command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		List<String> args = new ArrayList<>(List.of(command[0], this.keys.toString()));
		args.addAll(List.of(command).subList(1, command.length));
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		assertThat(KeyTool.run(args, print, print)).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(status);
		return out.toString(StandardCharsets.UTF_8);
	}

}

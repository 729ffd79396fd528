package org.passage.encryption;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sealing binds a ciphertext to its table, column and row; the blind index tells names
 * apart as a person would.
 */
class PersonalDataTest {

	private static final PersonalData.Column GIVEN_NAME = new PersonalData.Column("app.person", "given_name");

	@TempDir
	Path keys;

	@Test
	void whatIsSealedForARowOpensForThatRowOnly() {
		PersonalData sealed = new PersonalData(this.keys.toString(), "", "", true);
		UUID row = UUID.randomUUID();
		byte[] ciphertext = sealed.seal("Amina", GIVEN_NAME, row);

		assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Amina");
		assertThat(ciphertext).startsWith(sealed.primaryPrefix());
		assertThat(sealed.open(ciphertext, GIVEN_NAME, row)).isEqualTo("Amina");
		assertThatThrownBy(() -> sealed.open(ciphertext, GIVEN_NAME, UUID.randomUUID())).as("another row")
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> sealed.open(ciphertext, new PersonalData.Column("app.person", "family_name"), row))
			.as("another column")
			.isInstanceOf(IllegalStateException.class);
		assertThat(sealed.seal(null, GIVEN_NAME, row)).isNull();
		assertThat(sealed.open(null, GIVEN_NAME, row)).isNull();
	}

	@Test
	void sealingTheSameNameTwiceGivesTwoCiphertexts() {
		PersonalData sealed = new PersonalData(this.keys.toString(), "", "", true);
		assertThat(sealed.seal("Amina", GIVEN_NAME, 1)).isNotEqualTo(sealed.seal("Amina", GIVEN_NAME, 1));
	}

	@Test
	void theBlindIndexIgnoresLetterCaseAccentsAndSpacesButNotTheNameOrTheBirthYear() {
		PersonalData sealed = new PersonalData(this.keys.toString(), "", "", true);
		String index = sealed.nameIndex("Amína", "Kouyaté", 1998);

		assertThat(index).startsWith(sealed.nameIndexPrefix()).doesNotContainIgnoringCase("amina");
		assertThat(sealed.nameIndex("  AMINA ", "kouyate", 1998)).isEqualTo(index);
		assertThat(sealed.nameIndex("Amina", "Kouyaté Diallo", 1998))
			.isEqualTo(sealed.nameIndex("amina", "kouyate  diallo", 1998));
		assertThat(sealed.nameIndex("Amina", "Kouyaté", 1997)).isNotEqualTo(index);
		assertThat(sealed.nameIndex("Amira", "Kouyaté", 1998)).isNotEqualTo(index);
		assertThat(sealed.nameIndex("Amina", "Kouyaté", null)).isNotEqualTo(index);
		assertThat(sealed.nameIndex("Kouyaté", "Amina", 1998)).as("given and family names are not swapped")
			.isNotEqualTo(index);
	}

	@Test
	void withoutKeysTheServiceDoesNotStartAndSaysWhereToPutThem() {
		assertThatThrownBy(() -> new PersonalData("", "", "", false)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("passage.encryption.key-directory");
		assertThatThrownBy(() -> new PersonalData(this.keys.resolve("none").toString(), "", "", false))
			.as("a directory without keysets, not to be made")
			.isInstanceOf(java.io.UncheckedIOException.class);
	}

	@Test
	void keysetsGivenInTheSettingsAreUsedAsTheyAre() {
		PersonalData fromDirectory = new PersonalData(this.keys.toString(), "", "", true);
		String personal = org.passage.encryption.internal.Keysets.json(org.passage.encryption.internal.Keysets
			.read(this.keys, org.passage.encryption.internal.Keysets.Kind.PERSONAL_DATA));
		String index = org.passage.encryption.internal.Keysets.json(org.passage.encryption.internal.Keysets
			.read(this.keys, org.passage.encryption.internal.Keysets.Kind.BLIND_INDEX));
		PersonalData fromSettings = new PersonalData("", personal, index, false);

		assertThat(fromSettings.open(fromDirectory.seal("Amina", GIVEN_NAME, 7), GIVEN_NAME, 7)).isEqualTo("Amina");
		assertThat(fromSettings.nameIndex("Amina", "K.", 1998)).isEqualTo(fromDirectory.nameIndex("Amina", "K.", 1998));
	}

}

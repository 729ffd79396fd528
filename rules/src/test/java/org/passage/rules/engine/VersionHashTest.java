package org.passage.rules.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passage.rules.table.TableFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version's hash is its identity for replay: a recorded decision names it, so any
 * change to any file, its name included, must change it, and nothing else may.
 */
class VersionHashTest {

	private static TableFile file(String name, String content) {
		return new TableFile(name, content.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void isTheSha256OfEachFilesNameANulByteAndItsBytesInOrder() {
		// printf 'a.csv\0x' | sha256sum
		assertThat(RulesetCompiler.hash(List.of(file("a.csv", "x"))))
			.isEqualTo("a7ef5d9196e4c29de761779af7f40d20a49f87408a657962e2103438f37d22bb");
		// printf 'a.csv\0xb.csv\0y' | sha256sum
		assertThat(RulesetCompiler.hash(List.of(file("a.csv", "x"), file("b.csv", "y"))))
			.isEqualTo("4e887bf50d81bc1c174e60c467a8e1c0dc75ddb9f11104c71104c46aeec496b3");
	}

	@Test
	void isTheSameForTheSameFiles() {
		assertThat(RulesetCompiler.hash(List.of(file("gaf.csv", "T1,GIVEN"))))
			.isEqualTo(RulesetCompiler.hash(List.of(file("gaf.csv", "T1,GIVEN"))));
	}

	@Test
	void changesWhenOnlyAFileNameChanges() {
		assertThat(RulesetCompiler.hash(List.of(file("gaf.csv", "T1,GIVEN"))))
			.isNotEqualTo(RulesetCompiler.hash(List.of(file("gaf-v2.csv", "T1,GIVEN"))));
	}

	@Test
	void changesWhenOnlyAFilesContentChanges() {
		assertThat(RulesetCompiler.hash(List.of(file("gaf.csv", "T1,GIVEN"))))
			.isNotEqualTo(RulesetCompiler.hash(List.of(file("gaf.csv", "T1,REFUSED"))));
	}

	@Test
	void changesWhenABoundaryBetweenNameAndContentMoves() {
		// Same bytes end to end: only the separator after each name tells them apart.
		assertThat(RulesetCompiler.hash(List.of(file("gaf.csv", "1"))))
			.isNotEqualTo(RulesetCompiler.hash(List.of(file("gaf.csv1", ""))));
	}

	@Test
	void changesWhenTheFilesComeInAnotherOrder() {
		assertThat(RulesetCompiler.hash(List.of(file("a.csv", "x"), file("b.csv", "y"))))
			.isNotEqualTo(RulesetCompiler.hash(List.of(file("b.csv", "y"), file("a.csv", "x"))));
	}

}

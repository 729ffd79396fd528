package org.passage.cases;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Counts below k are never shown as themselves (k = 11 unless configured). */
class SmallCountsTest {

	private final SmallCounts elevenOrMore = new SmallCounts(11);

	@Test
	void hidesEveryCountFromZeroToTenAndShowsElevenAndMore() {
		assertThat(this.elevenOrMore.hidden(0)).isTrue();
		assertThat(this.elevenOrMore.hidden(1)).isTrue();
		assertThat(this.elevenOrMore.hidden(10)).isTrue();
		assertThat(this.elevenOrMore.hidden(11)).isFalse();
		assertThat(this.elevenOrMore.hidden(250)).isFalse();
	}

	@Test
	void aHiddenCountIsAMetricWithoutAValue() {
		assertThat(this.elevenOrMore.asMetric(3)).isNaN();
		assertThat(this.elevenOrMore.asMetric(12)).isEqualTo(12.0);
	}

	@Test
	void theSmallestCountShownIsConfigurableButNeverBelowOne() {
		assertThat(new SmallCounts(5).hidden(5)).isFalse();
		assertThat(new SmallCounts(5).hidden(4)).isTrue();
		assertThatThrownBy(() -> new SmallCounts(0)).isInstanceOf(IllegalArgumentException.class);
	}

}

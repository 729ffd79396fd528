package org.passage.rules.table;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A worksheet as text: cells people address as A1, and cells that are not there. */
class GridTest {

	private final Grid grid = new Grid("Sheet", List.of(List.of("a", "b"), List.of("c")));

	@Test
	void namesCellsInTheA1NotationPeopleUse() {
		assertThat(Grid.address(0, 0)).isEqualTo("A1");
		assertThat(Grid.address(11, 4)).isEqualTo("E12");
		assertThat(Grid.address(0, 24)).isEqualTo("Y1");
		assertThat(Grid.address(0, 25)).isEqualTo("Z1");
		assertThat(Grid.address(0, 26)).isEqualTo("AA1");
		assertThat(Grid.address(0, 51)).isEqualTo("AZ1");
		assertThat(Grid.address(0, 52)).isEqualTo("BA1");
		assertThat(Grid.address(0, 701)).isEqualTo("ZZ1");
		assertThat(Grid.address(0, 702)).isEqualTo("AAA1");
	}

	@Test
	void aCellBeyondTheLastRowOrColumnIsEmpty() {
		assertThat(this.grid.cell(0, 1)).isEqualTo("b");
		assertThat(this.grid.cell(1, 1)).isEmpty();
		assertThat(this.grid.cell(2, 0)).isEmpty();
		assertThat(this.grid.width(0)).isEqualTo(2);
		assertThat(this.grid.width(1)).isEqualTo(1);
		assertThat(this.grid.width(2)).isZero();
	}

}

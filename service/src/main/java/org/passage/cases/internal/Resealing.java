package org.passage.cases.internal;

import java.util.function.IntSupplier;

import org.passage.cases.Resealed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a key rotation: everything sealed or indexed under an older key is sealed again
 * under the primary, in batches of {@value #BATCH} rows, each batch its own transaction
 * (so a long run holds no lock for long and a stopped one carries on where it was). A row
 * already under the primary is left alone, so running it twice does nothing more.
 */
@Component
public class Resealing {

	static final int BATCH = 200;

	private final Cases cases;

	private final TransactionTemplate transactions;

	Resealing(Cases cases, TransactionTemplate transactions) {
		this.cases = cases;
		this.transactions = transactions;
	}

	public Resealed resealAll() {
		return new Resealed(untilDone(() -> this.cases.resealPeople(BATCH)),
				untilDone(() -> this.cases.resealTexts(Cases.NOTE, BATCH)),
				untilDone(() -> this.cases.resealTexts(Cases.DELIVERY, BATCH)),
				untilDone(() -> this.cases.resealTexts(Cases.EVENT, BATCH)));
	}

	private long untilDone(IntSupplier batch) {
		long total = 0;
		int done;
		do {
			done = this.transactions.execute(status -> batch.getAsInt());
			total += done;
		}
		while (done > 0);
		return total;
	}

}

package org.passage.funds;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.passage.rules.decision.Programme;
import org.passage.security.Allowed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger. Every change is one conditional {@code update} of the fund row, which locks
 * it, so concurrent reservations queue on the row and the last one that does not fit is
 * refused; the table's check constraint refuses an overspend even if a caller skipped the
 * condition. Runs in the caller's transaction (a process step's), so a step that fails
 * changes nothing here either.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class Funds {

	/** What a reservation attempt came to. */
	public enum Reserved {

		RESERVED, INSUFFICIENT_FUNDS

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Funds(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** The fund that pays for a programme in an office this year. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public String currentFund(Programme programme, String office) {
		return Fund.idOf(programme, office, LocalDate.now(this.clock).getYear());
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<Fund> find(String id) {
		return this.jdbc.sql("select * from app.fund where id = ?").param(id).query(Funds::row).optional();
	}

	/** What is left to promise; a fund that does not exist has nothing. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public BigDecimal balance(String fundId) {
		return find(fundId).map(Fund::balance).orElse(BigDecimal.ZERO);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	@PreAuthorize(Allowed.FUND_READERS)
	public List<Fund> all() {
		return this.jdbc.sql("select * from app.fund order by id").query(Funds::row).list();
	}

	/** Opens a fund, or raises the budget of an existing one. */
	@Transactional(propagation = Propagation.REQUIRED)
	@PreAuthorize(Allowed.FUND_KEEPERS)
	public Fund topUp(Programme programme, String office, int year, BigDecimal amount) {
		String id = Fund.idOf(programme, office, year);
		this.jdbc.sql("""
				insert into app.fund (id, programme, office, year, budget) values (?, ?, ?, ?, ?)
				on conflict (id) do update set budget = app.fund.budget + excluded.budget""")
			.params(id, programme.name(), office, year, amount)
			.update();
		this.events.publishEvent(new FundToppedUp(id));
		return find(id).orElseThrow();
	}

	/**
	 * Reserves {@code amount} for a case, once per {@code effectKey}: a second call with
	 * the same key (the same job, run again) answers as the first did and reserves
	 * nothing more.
	 */
	public Reserved reserve(String effectKey, String fundId, String caseReference, BigDecimal amount) {
		Optional<String> done = this.jdbc.sql("select status from app.fund_reservation where effect_key = ?")
			.param(effectKey)
			.query(String.class)
			.optional();
		if (done.isPresent()) {
			return Reserved.RESERVED;
		}
		int taken = this.jdbc.sql("""
				update app.fund set reserved = reserved + :amount
				 where id = :fund and budget - reserved - committed >= :amount""")
			.param("amount", amount)
			.param("fund", fundId)
			.update();
		if (taken == 0) {
			return Reserved.INSUFFICIENT_FUNDS;
		}
		this.jdbc.sql("""
				insert into app.fund_reservation (fund_id, case_reference, amount, status, effect_key)
				values (?, ?, ?, 'RESERVED', ?)""").params(fundId, caseReference, amount, effectKey).update();
		return Reserved.RESERVED;
	}

	/** What is reserved for a case from one fund and not yet committed or released. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public BigDecimal reservedFor(String caseReference, String fundId) {
		return this.jdbc.sql("""
				select coalesce(sum(amount), 0) from app.fund_reservation
				 where case_reference = ? and fund_id = ? and status = 'RESERVED'""")
			.params(caseReference, fundId)
			.query(BigDecimal.class)
			.single();
	}

	/** Every reservation of a case, oldest first. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<Reservation> reservationsOf(String caseReference) {
		return this.jdbc.sql("""
				select fund_id, amount, status, spent, reserved_at from app.fund_reservation
				 where case_reference = ? order by id""")
			.param(caseReference)
			.query((rs, row) -> new Reservation(rs.getString("fund_id"), rs.getBigDecimal("amount"),
					rs.getString("status"), rs.getBigDecimal("spent"),
					rs.getObject("reserved_at", java.time.OffsetDateTime.class)))
			.list();
	}

	/** How many of these cases have had money of the programme committed to them. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public int casesPaidFrom(Programme programme, List<String> caseReferences) {
		if (caseReferences.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				select count(distinct r.case_reference) from app.fund_reservation r join app.fund f on f.id = r.fund_id
				 where r.case_reference = any(?) and f.programme = ? and r.status = 'COMMITTED'""")
			.params(caseReferences.toArray(String[]::new), programme.name())
			.query(Integer.class)
			.single();
	}

	/**
	 * Delivery: what was spent becomes committed, the rest of the reservation goes back
	 * to the fund. Idempotent: a reservation already settled is not touched again.
	 */
	public void commit(String caseReference, String fundId, BigDecimal spent) {
		BigDecimal reserved = reservedFor(caseReference, fundId);
		if (spent.compareTo(reserved) > 0) {
			throw new IllegalStateException(caseReference + " spent " + spent + " of " + reserved + " reserved");
		}
		settle(caseReference, fundId, "COMMITTED", spent, reserved);
	}

	/** Cancellation: every open reservation of the case goes back to its fund. */
	public void releaseAll(String caseReference) {
		for (String fundId : this.jdbc.sql("""
				select distinct fund_id from app.fund_reservation where case_reference = ? and status = 'RESERVED'""")
			.param(caseReference)
			.query(String.class)
			.list()) {
			settle(caseReference, fundId, "RELEASED", BigDecimal.ZERO, reservedFor(caseReference, fundId));
		}
	}

	private void settle(String caseReference, String fundId, String status, BigDecimal spent, BigDecimal reserved) {
		int settled = this.jdbc.sql("""
				update app.fund_reservation set status = ?, spent = least(amount, ?), settled_at = now()
				 where case_reference = ? and fund_id = ? and status = 'RESERVED'""")
			.params(status, spent, caseReference, fundId)
			.update();
		if (settled > 0) {
			this.jdbc.sql("update app.fund set reserved = reserved - ?, committed = committed + ? where id = ?")
				.params(reserved, spent, fundId)
				.update();
		}
	}

	private static Fund row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Fund(rs.getString("id"), Programme.valueOf(rs.getString("programme")), rs.getString("office"),
				rs.getInt("year"), rs.getBigDecimal("budget"), rs.getBigDecimal("reserved"),
				rs.getBigDecimal("committed"));
	}

}

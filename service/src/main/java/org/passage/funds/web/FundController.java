package org.passage.funds.web;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.passage.funds.Fund;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.Bounds;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fund balances for supervisors and approvers; top-ups by headquarters, which wake
 * waiting cases.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Funds", description = "The fund ledger: budgets, reservations, commitments")
class FundController {

	private final Funds funds;

	FundController(Funds funds) {
		this.funds = funds;
	}

	record TopUp(@NotNull Programme programme, @NotNull @Pattern(regexp = "[A-Z]{3}") String office,
			@NotNull @Min(2000) @Max(2100) Integer year,
			@NotNull @DecimalMin(value = "0.01") @DecimalMax(Bounds.MONEY_MAX) @Digits(integer = 12,
					fraction = 2) BigDecimal amount) {
	}

	@GetMapping("/funds")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'REGIONAL_APPROVER', 'HQ_APPROVER', 'ADMIN')")
	@Operation(operationId = "listFunds", summary = "Every fund with its budget, reserved, committed and balance")
	List<Fund> list() {
		return this.funds.all();
	}

	@PostMapping("/funds:top-up")
	@PreAuthorize("hasAnyRole('HQ_APPROVER', 'ADMIN')")
	@Operation(operationId = "topUpFund",
			summary = "Open a fund or raise its budget; cases waiting for it decide again")
	Fund topUp(@Valid @RequestBody TopUp topUp) {
		return this.funds.topUp(topUp.programme(), topUp.office(), topUp.year(), topUp.amount());
	}

}

package org.passage.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.passage.audit.AuditEntry;

/**
 * The hash chain of the audit trail: a row's hash is SHA-256 of the previous row's hash
 * followed by the row's content, the first row following 32 zero bytes. The content is
 * each field as its length in UTF-8 bytes, a colon and the field, or {@code ~} when null,
 * each followed by {@code ;}, in the order of the table's columns; the time is written in
 * UTC to the microsecond. Migration V13 writes the same content in SQL.
 */
public final class AuditChain {

	/** What the first row follows. */
	public static final byte[] GENESIS = new byte[32];

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private AuditChain() {
	}

	/** The hash of {@code entry} following a row whose hash is {@code previous}. */
	public static byte[] hash(byte[] previous, AuditEntry entry) {
		MessageDigest sha256 = sha256();
		sha256.update(previous);
		sha256.update(content(entry).getBytes(StandardCharsets.UTF_8));
		return sha256.digest();
	}

	static String content(AuditEntry entry) {
		Instant at = entry.at().toInstant();
		return field(Long.toString(entry.id())) + field(TIME.format(at)) + field(entry.actor()) + field(entry.action())
				+ field(entry.caseReference()) + field(entry.personId() == null ? null : entry.personId().toString())
				+ field(entry.clientAddress()) + field(entry.reason()) + field(entry.detail());
	}

	public static String hex(byte[] hash) {
		return HexFormat.of().formatHex(hash);
	}

	private static String field(String value) {
		return value == null ? "~;" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value + ";";
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}

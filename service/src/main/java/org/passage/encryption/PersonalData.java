package org.passage.encryption;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import org.passage.encryption.internal.Keysets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Seals and opens personal fields, and makes the blind index of a person's name and birth
 * year. The keys come from {@code passage.encryption}: a directory holding
 * {@code personal-data.json} and {@code blind-index.json} ({@code key-directory}), or the
 * keysets themselves ({@code personal-data-keyset}, {@code blind-index-keyset}, e.g. from
 * environment variables), never from the database. With {@code generate-missing} (the
 * quick start and the tests) a directory without keysets gets new ones; otherwise the
 * service does not start without its keys.
 */
@Component
public class PersonalData {

	private static final Logger log = LoggerFactory.getLogger(PersonalData.class);

	/** Tink's prefix of a ciphertext: a version byte, then the id of the key. */
	private static final int PREFIX = 5;

	private static final int INDEX_BYTES = 16;

	/**
	 * A column that holds sealed data: its ciphertexts open only in that table and
	 * column.
	 */
	public record Column(String table, String column) {
	}

	/** The keys in use, replaced whole when they are read again. */
	private record Keys(KeysetHandle personalData, Aead aead, KeysetHandle blindIndex, PrfSet prfs) {
	}

	private final Path directory;

	private final String personalDataKeyset;

	private final String blindIndexKeyset;

	private final boolean generateMissing;

	private volatile Keys keys;

	public PersonalData(@Value("${passage.encryption.key-directory:}") String directory,
			@Value("${passage.encryption.personal-data-keyset:}") String personalDataKeyset,
			@Value("${passage.encryption.blind-index-keyset:}") String blindIndexKeyset,
			@Value("${passage.encryption.generate-missing:false}") boolean generateMissing) {
		this.directory = StringUtils.hasText(directory) ? Path.of(directory) : null;
		this.personalDataKeyset = personalDataKeyset;
		this.blindIndexKeyset = blindIndexKeyset;
		this.generateMissing = generateMissing;
		reloadKeys();
	}

	/**
	 * Reads the keys again (after a rotation): what the new primary seals from now on,
	 * every key still in the keysets opens.
	 */
	public final void reloadKeys() {
		KeysetHandle personal = keyset(Keysets.Kind.PERSONAL_DATA, this.personalDataKeyset);
		KeysetHandle index = keyset(Keysets.Kind.BLIND_INDEX, this.blindIndexKeyset);
		try {
			this.keys = new Keys(personal, personal.getPrimitive(RegistryConfiguration.get(), Aead.class), index,
					index.getPrimitive(RegistryConfiguration.get(), PrfSet.class));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The keysets hold keys of the wrong kind: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Seals {@code plaintext} for the row {@code rowId} of {@code column}; null stays
	 * null.
	 */
	public byte[] seal(String plaintext, Column column, Object rowId) {
		if (plaintext == null) {
			return null;
		}
		try {
			return this.keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(column, rowId));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal " + column, ex);
		}
	}

	/**
	 * Opens what {@link #seal} sealed for the same row and column; null stays null.
	 * @throws IllegalStateException when it does not open: no key of the keyset sealed
	 * it, or it was sealed for another row or column
	 */
	public String open(byte[] sealed, Column column, Object rowId) {
		if (sealed == null) {
			return null;
		}
		try {
			return new String(this.keys.aead().decrypt(sealed, associatedData(column, rowId)), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"The sealed " + column.table() + "." + column.column() + " of row " + rowId + " does not open", ex);
		}
	}

	/**
	 * The first bytes of every ciphertext the primary key seals: a ciphertext that does
	 * not start with them is to be sealed again after a rotation.
	 */
	public byte[] primaryPrefix() {
		return ByteBuffer.allocate(PREFIX).put((byte) 1).putInt(this.keys.personalData().getPrimary().getId()).array();
	}

	/** Whether {@code sealed} was sealed by the primary key. */
	public boolean sealedByPrimary(byte[] sealed) {
		byte[] prefix = primaryPrefix();
		if (sealed == null || sealed.length < PREFIX) {
			return false;
		}
		return java.util.Arrays.equals(sealed, 0, PREFIX, prefix, 0, PREFIX);
	}

	/**
	 * The blind index of a name and birth year under the primary key:
	 * {@code <key id>-<hex>}. Names are compared as a person would: letter case, accents
	 * and spaces aside.
	 */
	public String nameIndex(String givenName, String familyName, Integer birthYear) {
		try {
			PrfSet prfs = this.keys.prfs();
			return index(prfs.getPrimaryId(), prfs.getPrfs().get(prfs.getPrimaryId()),
					nameKey(givenName, familyName, birthYear));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot index a name", ex);
		}
	}

	/**
	 * The blind index under every key of the keyset, to look a name up while the index is
	 * being made again under a new key.
	 */
	public List<String> nameIndexes(String givenName, String familyName, Integer birthYear) {
		try {
			byte[] key = nameKey(givenName, familyName, birthYear);
			List<String> indexes = new ArrayList<>();
			for (Map.Entry<Integer, Prf> prf : this.keys.prfs().getPrfs().entrySet()) {
				indexes.add(index(prf.getKey(), prf.getValue(), key));
			}
			return indexes;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot index a name", ex);
		}
	}

	/** How every index under the primary key starts. */
	public String nameIndexPrefix() {
		return keyId(this.keys.prfs().getPrimaryId()) + "-";
	}

	/** The ids of the keys of each keyset, the primary first, for operators. */
	public Map<String, List<String>> keyIds() {
		return Map.of("personalData", ids(this.keys.personalData()), "blindIndex", ids(this.keys.blindIndex()));
	}

	private static List<String> ids(KeysetHandle keyset) {
		List<String> ids = new ArrayList<>();
		ids.add(keyId(keyset.getPrimary().getId()));
		for (int i = 0; i < keyset.size(); i++) {
			if (!keyset.getAt(i).isPrimary()) {
				ids.add(keyId(keyset.getAt(i).getId()));
			}
		}
		return ids;
	}

	private static String index(int keyId, Prf prf, byte[] key) throws GeneralSecurityException {
		return keyId(keyId) + "-" + HexFormat.of().formatHex(prf.compute(key, INDEX_BYTES));
	}

	private static String keyId(int id) {
		return String.format("%08x", id);
	}

	static byte[] nameKey(String givenName, String familyName, Integer birthYear) {
		return ("name-v1\u001f" + normalised(givenName) + "\u001f" + normalised(familyName) + "\u001f"
				+ (birthYear == null ? "" : birthYear.toString()))
			.getBytes(StandardCharsets.UTF_8);
	}

	/** Letter case, accents and runs of spaces do not tell two names apart. */
	static String normalised(String name) {
		String decomposed = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD);
		return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
	}

	private static byte[] associatedData(Column column, Object rowId) {
		return (column.table() + "|" + column.column() + "|" + rowId).getBytes(StandardCharsets.UTF_8);
	}

	private KeysetHandle keyset(Keysets.Kind kind, String inline) {
		if (StringUtils.hasText(inline)) {
			return Keysets.parse(inline);
		}
		if (this.directory == null) {
			throw new IllegalStateException("No keys for personal data: set passage.encryption.key-directory (a "
					+ "directory holding " + Keysets.PERSONAL_DATA + " and " + Keysets.BLIND_INDEX + ", made with "
					+ "'java -jar passage-service.jar keys generate <directory>') or passage.encryption."
					+ (kind == Keysets.Kind.PERSONAL_DATA ? "personal-data-keyset" : "blind-index-keyset"));
		}
		if (this.generateMissing && Keysets.createIfMissing(this.directory, kind)) {
			log.warn("New keyset {} in {}: back it up with the database, which cannot be read without it", kind.file(),
					this.directory.toAbsolutePath());
		}
		return Keysets.read(this.directory, kind);
	}

}

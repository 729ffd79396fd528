package org.passage.encryption.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;

/**
 * The two keysets of Passage, in Tink's JSON format: {@value #PERSONAL_DATA} (AEAD,
 * AES-256-GCM: seals personal fields) and {@value #BLIND_INDEX} (PRF, HMAC-SHA256: the
 * blind index of names). Reading, writing and rotating them; no Spring here, so the key
 * tool uses the same code as the service.
 */
public final class Keysets {

	public static final String PERSONAL_DATA = "personal-data.json";

	public static final String BLIND_INDEX = "blind-index.json";

	/** Which keyset: its file name and the parameters of the keys it gets. */
	public enum Kind {

		PERSONAL_DATA(Keysets.PERSONAL_DATA, PredefinedAeadParameters.AES256_GCM),
		BLIND_INDEX(Keysets.BLIND_INDEX, PredefinedPrfParameters.HMAC_SHA256_PRF);

		private final String file;

		private final Parameters parameters;

		Kind(String file, Parameters parameters) {
			this.file = file;
			this.parameters = parameters;
		}

		public String file() {
			return this.file;
		}

	}

	static {
		try {
			AeadConfig.register();
			PrfConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private Keysets() {
	}

	/** A new keyset of one key. */
	public static KeysetHandle generate(Kind kind) {
		try {
			return KeysetHandle.generateNew(kind.parameters);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeysetHandle parse(String json) {
		try {
			return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not a Tink keyset in JSON: " + ex.getMessage(), ex);
		}
	}

	public static String json(KeysetHandle keyset) {
		try {
			return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The keyset in {@code directory}. */
	public static KeysetHandle read(Path directory, Kind kind) {
		try {
			return parse(Files.readString(directory.resolve(kind.file), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the keyset " + directory.resolve(kind.file), ex);
		}
	}

	/**
	 * The keyset in {@code directory}, made first if there is none. Several processes may
	 * start at once on a new directory: the first to link its file wins, the others read
	 * it.
	 * @return true when this call made it
	 */
	public static boolean createIfMissing(Path directory, Kind kind) {
		Path file = directory.resolve(kind.file);
		if (Files.exists(file)) {
			return false;
		}
		try {
			Files.createDirectories(directory);
			Path draft = Files.createTempFile(directory, kind.file, ".new");
			try {
				restrict(draft);
				Files.writeString(draft, json(generate(kind)), StandardCharsets.UTF_8);
				Files.createLink(file, draft); // atomic: fails if another got there first
				return true;
			}
			catch (FileAlreadyExistsException another) {
				return false;
			}
			finally {
				Files.deleteIfExists(draft);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write a keyset in " + directory, ex);
		}
	}

	/** Replaces the keyset in {@code directory} (written aside, then moved in place). */
	public static void write(Path directory, Kind kind, KeysetHandle keyset) {
		try {
			Path draft = Files.createTempFile(directory, kind.file, ".new");
			restrict(draft);
			Files.writeString(draft, json(keyset), StandardCharsets.UTF_8);
			Files.move(draft, directory.resolve(kind.file), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the keyset " + directory.resolve(kind.file), ex);
		}
	}

	/**
	 * Adds a new key to {@code keyset}; it becomes the primary (the one that seals) when
	 * {@code primary}.
	 */
	public static KeysetHandle withNewKey(KeysetHandle keyset, Kind kind, boolean primary) {
		try {
			KeysetHandle.Builder.Entry entry = KeysetHandle.generateEntryFromParameters(kind.parameters).withRandomId();
			if (primary) {
				entry.makePrimary();
			}
			return KeysetHandle.newBuilder(keyset).addEntry(entry).build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Makes the key {@code id} the primary. */
	public static KeysetHandle withPrimary(KeysetHandle keyset, int id) {
		try {
			KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
			for (int i = 0; i < builder.size(); i++) {
				if (keyset.getAt(i).getId() == id) {
					builder.getAt(i).makePrimary();
					return builder.build();
				}
			}
			throw new IllegalArgumentException("No key " + Integer.toUnsignedString(id) + " in the keyset");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Removes the key {@code id}: what it sealed no longer opens. The primary cannot be
	 * removed.
	 */
	public static KeysetHandle without(KeysetHandle keyset, int id) {
		try {
			KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
			for (int i = 0; i < builder.size(); i++) {
				if (keyset.getAt(i).getId() == id) {
					if (keyset.getAt(i).isPrimary()) {
						throw new IllegalArgumentException(
								"Key " + Integer.toUnsignedString(id) + " is the primary: make another primary first");
					}
					builder.deleteAt(i);
					return builder.build();
				}
			}
			throw new IllegalArgumentException("No key " + Integer.toUnsignedString(id) + " in the keyset");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void restrict(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the directory's own access rules apply
		}
	}

}

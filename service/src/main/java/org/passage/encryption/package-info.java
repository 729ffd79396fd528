/**
 * Encryption at rest of personal data: each personal field sealed with Tink's AEAD, its
 * associated data binding the ciphertext to its table, column and row (a ciphertext
 * copied to another row or column does not open), and a blind index (Tink's PRF) so that
 * a name and birth year can be looked up without being stored. Keys live in keysets
 * outside the database; a keyset holds several keys, one primary that seals, the others
 * still opening what they sealed, so keys rotate without a stop.
 * {@link org.passage.encryption.PersonalData} is the module's API;
 * {@link org.passage.encryption.KeyTool} manages the keysets from the command line.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Encryption")
package org.passage.encryption;

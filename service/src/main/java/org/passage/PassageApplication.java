package org.passage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Passage: eligibility and assistance decisions for migrant protection casework. */
@SpringBootApplication
public class PassageApplication {

	/**
	 * Runs the service, or with {@code keys ...} the key tool alone
	 * ({@link org.passage.encryption.KeyTool}).
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("keys")) {
			org.passage.encryption.KeyTool.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		SpringApplication.run(PassageApplication.class, args);
	}

}

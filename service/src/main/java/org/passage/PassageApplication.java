package org.passage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Passage: eligibility and assistance decisions for migrant protection casework. */
@SpringBootApplication
public class PassageApplication {

	public static void main(String[] args) {
		SpringApplication.run(PassageApplication.class, args);
	}

}

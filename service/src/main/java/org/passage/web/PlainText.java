package org.passage.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a person typed: no control characters (NUL, escape, bell, ...), which no one types
 * and which PostgreSQL refuses or a terminal obeys. A {@code multiline} text may hold
 * line breaks and tabs.
 */
@Documented
@Constraint(validatedBy = PlainText.Check.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must not contain control characters";

	/** Whether line breaks and tabs are allowed. */
	boolean multiline() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** The check behind the annotation; null is another constraint's business. */
	class Check implements ConstraintValidator<PlainText, CharSequence> {

		/**
		 * Whether {@code text} holds no control character ({@code multiline}: but line
		 * breaks and tabs).
		 */
		public static boolean isPlain(CharSequence text, boolean multiline) {
			return text.chars()
				.noneMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
		}

		private boolean multiline;

		@Override
		public void initialize(PlainText annotation) {
			this.multiline = annotation.multiline();
		}

		@Override
		public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
			return text == null || isPlain(text, this.multiline);
		}

	}

}

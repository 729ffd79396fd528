package org.passage.ui;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The reader's language: the one chosen with the switcher ({@code ?lang=fr}, kept in a
 * cookie for a year), else the best of the browser's {@code Accept-Language} that Passage
 * speaks, else English. A language Passage does not speak is never chosen, so the page's
 * {@code lang} attribute always names the language its words are in.
 */
class Languages extends CookieLocaleResolver {

	static final List<Locale> SPOKEN = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("es"));

	Languages() {
		super("passage-lang");
		setCookieMaxAge(Duration.ofDays(365));
		setCookieHttpOnly(true);
		setDefaultLocaleFunction(Languages::fromBrowser);
	}

	private static Locale fromBrowser(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			for (Locale wanted : Collections.list(request.getLocales())) {
				Locale spoken = spoken(wanted);
				if (spoken != null) {
					return spoken;
				}
			}
		}
		return Locale.ENGLISH;
	}

	/** The language Passage speaks for this locale, or null. */
	static @Nullable Locale spoken(Locale locale) {
		return SPOKEN.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(null);
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		super.setLocale(request, response, locale == null ? null : spoken(locale));
	}

	@Override
	protected Locale parseLocaleValue(String value) {
		Locale parsed = super.parseLocaleValue(value);
		return parsed == null ? null : spoken(parsed);
	}

}

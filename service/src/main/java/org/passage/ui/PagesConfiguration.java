package org.passage.ui;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The pages' language ({@link Languages}), switched with {@code ?lang=} on the pages
 * only: the API keeps reading {@code Accept-Language}.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

	static final String[] PAGES = { "/", "/inbox", "/inbox/**", "/cases", "/cases/**", "/steps/**", "/dashboard",
			"/rulesets", "/rulesets/**" };

	/**
	 * Off: Boot registers this filter because WebJars are on the class path, and it then
	 * looks every link of every page up as a static resource, on the class path, in each
	 * of the four static locations (JFR: most of an inbox page's time, 4 ms a row).
	 * Passage serves no fingerprinted resources, so no link needs rewriting; version-free
	 * WebJar URLs are resolved when the browser asks for them, not here.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	LocaleResolver localeResolver() {
		return new Languages();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).addPathPatterns(PAGES);
	}

}

/**
 * HTTP concerns shared by every feature: problem details (RFC 9457) and request limits.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.passage.web;

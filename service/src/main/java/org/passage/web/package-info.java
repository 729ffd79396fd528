/**
 * HTTP concerns shared by every feature: problem details (RFC 9457) and request limits.
 */
package org.passage.web;

/**
 * Who may do what. Passage's accounts and groups live in Camunda's identity service, so
 * one account signs in to Tasklist and to the Passage API; a group is a role.
 */
package org.passage.security;

/**
 * The dev stack, test scope only so that it can never reach the production jar: an embedded PostgreSQL, the built-in
 * e-ID provider and demo data, started by {@link vn.gov.devstack.DevPortal} for the one-command run and by the tests.
 */
package vn.gov.devstack;

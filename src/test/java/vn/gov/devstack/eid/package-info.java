/**
 * The built-in e-ID provider (a stand-in for VNeID and the staff directory) for the dev run and the tests: an
 * OpenID Connect provider on Spring Authorization Server, started as a second Spring context by {@link
 * vn.gov.devstack.eid.EidProvider}. Test scope only, and outside {@code vn.gov.portal} so the portal never scans it.
 */
package vn.gov.devstack.eid;

/** Login over OpenID Connect: citizens with the national e-ID (VNeID), staff with the staff provider. */
package vn.gov.portal.identity;

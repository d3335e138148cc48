/**
 * The one-stop-shop forms of Circular 01/2018 (01 receipt, 02 supplementation, 03 refusal, 04 apology) and the result
 * notice as PDF, each issued once with a verification code anyone can check on the public page {@code /verify}.
 */
package vn.gov.portal.forms;

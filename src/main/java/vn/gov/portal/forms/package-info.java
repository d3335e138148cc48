/** The one-stop-shop forms of Circular 01/2018 (01 receipt, 02 supplementation, 03 refusal, 04 apology) as PDF. */
package vn.gov.portal.forms;

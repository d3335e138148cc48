/** What all pages share: language switch, the logged-in user in the model, error pages. */
package vn.gov.portal.web;

/** Runs procedure workflows: state machines built from definitions, role checks, working-day deadlines. */
package vn.gov.portal.workflow;

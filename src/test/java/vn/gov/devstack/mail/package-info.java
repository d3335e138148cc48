/** The dev stack's mail catcher: a GreenMail SMTP server whose inbox is readable in the browser. */
package vn.gov.devstack.mail;

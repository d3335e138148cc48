/** Online payment of what a dossier owes, through a payment gateway (port) with the VNPAY adapter. */
package vn.gov.portal.payment;

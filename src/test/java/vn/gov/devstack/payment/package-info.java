/**
 * The simulated VNPAY gateway of the dev run and the tests, served by the built-in e-ID provider's web server. Test
 * scope only: production configures a real VNPAY merchant (README, docs/operations.md).
 */
package vn.gov.devstack.payment;

/** The JUnit 5 extension behind {@code @PrivacyTest}: annotations, configuration, the run manifest and Allure output. */
package io.kdprivacy.junit;

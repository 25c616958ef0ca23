package dev.ymchat.sandbox.store;

import static dev.ymchat.sandbox.store.StoreFixture.BUSINESS;
import static dev.ymchat.sandbox.store.StoreFixture.CAMPAIGN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.domain.SandboxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountStoreTest {

  private final StoreFixture fixture = new StoreFixture();
  private final AccountStore accounts = fixture.store.accounts();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void businessesAndCampaigns_roundTrip_andCreatingAgainChangesNothing() {
    assertThat(accounts.businessExists(BUSINESS)).isTrue();
    assertThat(accounts.businessExists(BUSINESS + 1)).isFalse();
    assertThat(accounts.createBusiness(BUSINESS, "Another name")).isEqualTo(BUSINESS);
    assertThat(accounts.createCampaign(BUSINESS, CAMPAIGN)).isEqualTo(CAMPAIGN);
    long allocated = accounts.createCampaign(BUSINESS, null);
    assertThat(accounts.campaigns(BUSINESS)).containsExactly(CAMPAIGN, allocated);
    long second = accounts.createBusiness(null, null);
    assertThat(accounts.businessExists(second)).isTrue();
    assertThat(accounts.campaigns(second)).isEmpty();
  }

  @Test
  void campaignOfAnotherBusiness_isRefused() {
    long other = accounts.createBusiness(null, "Other");
    assertThatThrownBy(() -> accounts.createCampaign(other, CAMPAIGN))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("Campaign " + CAMPAIGN + " already belongs to business " + BUSINESS);
  }

  @Test
  void credentials_roundTripByKindAndSecret_andReplaceAnEarlierRegistration() {
    accounts.addCredential(BUSINESS, CredentialKind.API_KEY, Scope.COMMUNICATION, "key-1");
    accounts.addCredential(BUSINESS, CredentialKind.OAUTH, Scope.ALL_METHODS, "key-1");
    assertThat(accounts.findCredential(CredentialKind.API_KEY, "key-1"))
        .contains(new Credential(BUSINESS, CredentialKind.API_KEY, Scope.COMMUNICATION));
    assertThat(accounts.findCredential(CredentialKind.OAUTH, "key-1"))
        .contains(new Credential(BUSINESS, CredentialKind.OAUTH, Scope.ALL_METHODS));
    assertThat(accounts.findCredential(CredentialKind.API_KEY, "key-2")).isEmpty();

    accounts.addCredential(BUSINESS, CredentialKind.API_KEY, Scope.ALL_METHODS_READ_ONLY, "key-1");
    assertThat(accounts.findCredential(CredentialKind.API_KEY, "key-1"))
        .contains(new Credential(BUSINESS, CredentialKind.API_KEY, Scope.ALL_METHODS_READ_ONLY));
  }

  @Test
  void credentialForAnUnknownBusiness_is404() {
    assertThatThrownBy(
            () -> accounts.addCredential(1, CredentialKind.API_KEY, Scope.ALL_METHODS, "k"))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("Business 1 does not exist in the sandbox");
  }
}

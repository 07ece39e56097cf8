export { chooseSecretStore, type ChooseSecretStoreOptions, type SecretStoreChoice } from './choose'
export { EncryptedStore } from './encrypted-store'
export { ENV_KEY_ID, ENV_KEY_VARIABLES, EnvironmentStore, envAccount, envVariableFor } from './environment-store'
export { constantTimeEqual, lastFour, secretStatus } from './helpers'
export { KeytarStore, type KeytarStoreOptions } from './keytar-store'
export { createEncryptedSecretsTable, ENCRYPTED_SECRETS_SQL, ENCRYPTED_SECRETS_TABLE } from './schema'
export {
  checkAccount,
  parseProviderAccount,
  providerAccount,
  SECRET_SERVICE,
  type Encryptor,
  type KeytarLike,
  type SecretBackend,
  type SecretStore
} from './types'

// simple-keyboard's ES-module build for modern browsers (a third of the size of its
// default UMD build, which also has no usable default export once bundled), typed as the package.
declare module 'simple-keyboard/build/index.modern.esm.js' {
  export { SimpleKeyboard, SimpleKeyboard as default } from 'simple-keyboard';
}

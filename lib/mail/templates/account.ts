/** Account mail: finishing a sign-up, and the answer to a sign-up with an email that already has an account. */

export function signUpMail(p: { name: string; link: string; companyName: string; days: number }) {
  return {
    subject: `Finish creating your ${p.companyName} account`,
    text: [
      `Hello ${p.name},`,
      "",
      `Thank you for signing up with ${p.companyName}. Choose your password here to finish creating your account:`,
      "",
      p.link,
      "",
      `The link works once and expires in ${p.days} days. If you did not sign up, ignore this email: no account can be used without it.`,
    ].join("\n"),
  };
}

export function accountExistsMail(p: { name: string; companyName: string; signInUrl: string; resetUrl: string }) {
  return {
    subject: `You already have a ${p.companyName} account`,
    text: [
      `Hello ${p.name},`,
      "",
      `Someone (hopefully you) asked to create a ${p.companyName} account with this email address. You already have one, so nothing was changed.`,
      "",
      `Sign in: ${p.signInUrl}`,
      `Forgot your password, or never chose one? Ask for a link here: ${p.resetUrl}`,
      "",
      "If this was not you, ignore this email.",
    ].join("\n"),
  };
}

var latin1Text = "ιθ";
